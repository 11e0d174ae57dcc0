package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore

/** The future of a batch receive that has to wait: it completes with up to [max] messages once one arrives. */
internal class ReceiveAvailableFuture(core: SocketCore, private val max: Int) :
    WaitingFuture<List<Message>>(core, core.receiveReady, core.options.receiveTimeout, "receive") {
    override fun attemptOnce(): Any? = core.tryReceiveAll(max).ifEmpty { NOT_YET }

    /** The messages were taken but someone else completed the future meanwhile: they are the next ones received. */
    override fun undo(value: List<Message>) {
        for (message in value.asReversed()) core.returnMessage(message)
    }
}
