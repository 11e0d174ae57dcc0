package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore
import java.util.concurrent.CompletableFuture

/**
 * The future of a send that has to wait. A try at queueing the message ([attempt]) and [cancel] exclude each
 * other (both hold this future's monitor): once `cancel` returns true the message was not and will not be
 * queued, and once it is queued the future can no longer be cancelled.
 */
internal class SendFuture : CompletableFuture<Void?>() {
    private var queued = false

    /** One try at queueing [message] on [core]: true when no more tries are needed (queued, or cancelled). */
    fun attempt(core: SocketCore, message: Message): Boolean {
        synchronized(this) {
            if (isCancelled) return true
            if (!core.trySend(message)) return false
            queued = true
        }
        complete(null)
        return true
    }

    override fun cancel(mayInterruptIfRunning: Boolean): Boolean = synchronized(this) {
        if (queued) false else super.cancel(mayInterruptIfRunning)
    }
}
