package dev.zmqkt.internal.sync

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.suspendCancellableCoroutine
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.resume

/**
 * An event count: a version number that [signal] advances, and a way to wait until it moves on from a value
 * read earlier. It is how a socket or an engine sleeps until "something may have changed" without losing a
 * wake-up that happens between looking and sleeping:
 *
 * ```
 * val seen = signal.version      // 1. read the version
 * tryTheOperation() ?: ...      // 2. look at the state
 * signal.await(seen)            // 3. returns at once if anything signalled after step 1
 * ```
 *
 * Waiters never carry data: a woken waiter looks at the state again, so a waiter that is cancelled after being
 * woken loses nothing. Every waiter is woken on each [signal].
 *
 * ### Concurrency
 * [signal] may be called from any thread; it wakes waiters outside its lock.
 */
internal class Signal {
    @Volatile
    var version: Long = 0
        private set

    private val lock = Any()
    private var waiters: ArrayList<Waiter>? = null

    /** Advances the version and wakes every waiter. */
    fun signal() {
        val woken: ArrayList<Waiter>?
        synchronized(lock) {
            version++
            woken = waiters
            waiters = null
        }
        if (woken != null) for (w in woken) w.wake()
    }

    /** Suspends until the version differs from [seen]. Cancellable; nothing is lost on cancellation. */
    suspend fun await(seen: Long) {
        if (version != seen) return
        suspendCancellableCoroutine { continuation ->
            val waiter = Waiter { continuation.resume(Unit) }
            if (!register(seen, waiter)) {
                continuation.resume(Unit)
            } else {
                continuation.invokeOnCancellation { unregister(waiter) }
            }
        }
    }

    /** [await] for a caller that may have no dispatcher of its own: see [waitOffIoThread]. */
    suspend fun await(seen: Long, fallback: CoroutineDispatcher) {
        if (version != seen) return
        waitOffIoThread(fallback) { await(seen) }
    }

    /**
     * Blocks the calling thread until the version differs from [seen] or [deadlineNanos] (a [System.nanoTime]
     * value, or [Long.MAX_VALUE] for none) passes. Returns false on timeout. Thread interruption ends the wait
     * early with true, leaving the caller to check its state; so does [abandon] returning true when the thread
     * is unparked for another reason.
     */
    fun awaitBlocking(seen: Long, deadlineNanos: Long, abandon: () -> Boolean = { false }): Boolean {
        if (version != seen) return true
        val thread = Thread.currentThread()
        val waiter = Waiter { LockSupport.unpark(thread) }
        if (!register(seen, waiter)) return true
        try {
            while (version == seen && !abandon()) {
                if (deadlineNanos == Long.MAX_VALUE) {
                    LockSupport.park(this)
                } else {
                    val left = deadlineNanos - System.nanoTime()
                    if (left <= 0) return false
                    LockSupport.parkNanos(this, left)
                }
                if (Thread.interrupted()) {
                    thread.interrupt()
                    return true
                }
            }
            return true
        } finally {
            unregister(waiter)
        }
    }

    /**
     * Calls [waiter] once the version differs from [seen]; false (and no call) when it already does.
     * Used by callback-style waiters, such as futures handed to Java callers.
     */
    fun register(seen: Long, waiter: Waiter): Boolean = synchronized(lock) {
        if (version != seen) return false
        (waiters ?: ArrayList<Waiter>(2).also { waiters = it }).add(waiter)
        true
    }

    /** Forgets [waiter] if it has not been woken yet. */
    fun unregister(waiter: Waiter) {
        synchronized(lock) { waiters?.remove(waiter) }
    }

    /** Something to wake; it must be quick and must not block. */
    fun interface Waiter {
        fun wake()
    }
}
