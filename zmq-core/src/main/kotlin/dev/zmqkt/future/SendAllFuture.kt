package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore
import java.time.Duration

/**
 * The future of a [SocketCore.sendAll] that has to wait for room: it completes once every message is queued for
 * a peer, in order. Cancelling it leaves the messages not yet queued unsent (the first ones may have gone).
 */
internal class SendAllFuture(
    core: SocketCore,
    private val messages: List<Message>,
    private var next: Int,
    private val limit: Duration? = core.options.sendTimeout,
) : WaitingFuture<Void?>(core, core.sendReady, limit, "send") {
    override fun attemptOnce(): Any? {
        next += core.trySendAll(messages, next)
        return if (next == messages.size) null else NOT_YET
    }

    override fun timedOut(): Exception = core.partlySent(limit!!, next, messages.size)
}
