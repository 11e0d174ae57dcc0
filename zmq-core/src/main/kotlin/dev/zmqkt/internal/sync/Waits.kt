package dev.zmqkt.internal.sync

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Duration

/*
 * The two ways a caller waits on a Signal for an operation to succeed: suspending (coroutines) and blocking (Java
 * threads). Both read the version, try, and wait only if the version did not move; the operation itself runs
 * only in `attempt`, never inside the timed wait, so a timeout or a cancellation cannot lose what it took.
 * (Java futures wait the same way without a thread: see dev.zmqkt.future.WaitingFuture.)
 */

/**
 * Retries [attempt] each time this signal moves, until it succeeds or [timeout] (null: none) passes, then throws
 * [timedOut]. A caller without a dispatcher of its own waits on [fallback] (see [waitOffIoThread]).
 */
internal suspend inline fun Signal.waitUntil(
    timeout: Duration?,
    fallback: CoroutineDispatcher,
    timedOut: () -> Exception,
    attempt: () -> Boolean,
) {
    val deadline = if (timeout == null) Long.MAX_VALUE else System.nanoTime() + timeout.toNanos()
    while (true) {
        val seen = version
        if (attempt()) return
        if (deadline == Long.MAX_VALUE) {
            await(seen, fallback)
        } else {
            val left = deadline - System.nanoTime()
            if (left <= 0) throw timedOut()
            withTimeoutOrNull((left + 999_999) / 1_000_000) { await(seen, fallback) }
        }
    }
}

/**
 * Retries [attempt] each time this signal moves, blocking the calling thread, until it succeeds or [timeout]
 * passes (then throws [timedOut]). An interrupt ends the wait with [InterruptedException].
 */
internal inline fun Signal.blockUntil(timeout: Duration?, what: String, timedOut: () -> Exception, attempt: () -> Boolean) {
    val deadline = if (timeout == null) Long.MAX_VALUE else System.nanoTime() + timeout.toNanos()
    while (true) {
        val seen = version
        if (attempt()) return
        if (!awaitBlocking(seen, deadline)) throw timedOut()
        if (Thread.currentThread().isInterrupted) throw InterruptedException("interrupted while waiting to $what")
    }
}
