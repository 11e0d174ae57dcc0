package dev.zmqkt.future

import java.util.concurrent.CompletableFuture

/**
 * The future of a send that has to wait. Cancelling it and the send taking the message exclude each other (both
 * hold this future's monitor): once [cancel] returns true the message was not and will not be queued, and once
 * the message is queued ([claim]) the future can no longer be cancelled.
 */
internal class SendFuture : CompletableFuture<Void?>() {
    private var claimed = false

    /** Marks the message as queued; called under this future's monitor. */
    fun claim() {
        claimed = true
    }

    override fun cancel(mayInterruptIfRunning: Boolean): Boolean = synchronized(this) {
        if (claimed) false else super.cancel(mayInterruptIfRunning)
    }
}
