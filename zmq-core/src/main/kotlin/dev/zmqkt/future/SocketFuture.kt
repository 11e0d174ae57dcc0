package dev.zmqkt.future

import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

/**
 * The future a socket call returns when it cannot complete at once. It knows how many threads are blocked in
 * [join] or [get], so the completing side can tell "only blocked callers wait" (complete here, which just wakes
 * them) from "callbacks are attached" (complete on the context's dispatcher). Cancelling it runs [onCancel].
 */
internal class SocketFuture<T> : CompletableFuture<T>() {
    private val blocked = AtomicInteger()

    @Volatile
    var onCancel: (() -> Unit)? = null

    /** True when every dependent of this future is a thread blocked in join/get (or there are none). */
    fun onlyBlockedCallersWait(): Boolean = numberOfDependents <= blocked.get()

    override fun join(): T = blocking { super.join() }

    override fun get(): T = blocking { super.get() }

    override fun get(timeout: Long, unit: TimeUnit): T = blocking { super.get(timeout, unit) }

    override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
        val cancelled = super.cancel(mayInterruptIfRunning)
        if (cancelled) onCancel?.invoke()
        return cancelled
    }

    private inline fun blocking(wait: () -> T): T {
        blocked.incrementAndGet()
        try {
            return wait()
        } finally {
            blocked.decrementAndGet()
        }
    }
}
