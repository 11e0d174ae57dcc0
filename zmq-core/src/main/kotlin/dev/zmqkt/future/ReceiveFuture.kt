package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore

/** The future of a receive that has to wait for a message. */
internal class ReceiveFuture(core: SocketCore) :
    WaitingFuture<Message>(core, core.receiveReady, core.options.receiveTimeout, "receive") {
    override fun attemptOnce(): Any? = core.tryReceive() ?: NOT_YET

    /** The message was taken but someone else completed the future meanwhile: it is the next one received. */
    override fun undo(value: Message) = core.returnMessage(value)
}
