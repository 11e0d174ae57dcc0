package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore

/** The future of a send that has to wait for room: it completes once [message] is queued for a peer. */
internal class SendFuture(core: SocketCore, private val message: Message) :
    WaitingFuture<Void?>(core, core.sendReady, core.options.sendTimeout, "send") {
    override fun attemptOnce(): Any? = if (core.trySend(message)) null else NOT_YET
}
