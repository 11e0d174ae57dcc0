package dev.zmqkt.internal

import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.delay
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import java.time.Duration

/**
 * When a closed socket stops delivering what it queued: the linger time given at close, which a later, shorter
 * one lowers (never raises). So a context closing with an infinite linger can still be ended by a second close
 * with linger zero, as libzmq's `zmq_ctx_shutdown` plus a lower `ZMQ_LINGER` would.
 *
 * Timers run in [scope] and are cancelled once lingering is over.
 */
internal class LingerDeadline(private val scope: CoroutineScope) {
    private val ended = CompletableDeferred<Unit>()

    /** The end of lingering in [System.nanoTime] terms; [Long.MAX_VALUE] for none yet. Guarded by this. */
    private var deadline = Long.MAX_VALUE
    private var timer: Job? = null

    /** Ends lingering at most [linger] from now, unless it ends sooner already; `null` adds no limit. */
    fun limit(linger: Duration?) {
        if (linger == null) return
        val now = System.nanoTime()
        val nanos = try { linger.toNanos() } catch (e: ArithmeticException) { Long.MAX_VALUE }
        val candidate = if (nanos >= Long.MAX_VALUE - now) Long.MAX_VALUE else now + nanos
        synchronized(this) {
            if (candidate >= deadline || ended.isCompleted) return
            deadline = candidate
            timer?.cancel()
            timer = null
            if (nanos == 0L) {
                ended.complete(Unit)
            } else {
                timer = scope.launch {
                    delay((nanos + 999_999) / 1_000_000)
                    ended.complete(Unit)
                }
            }
        }
    }

    /** Waits until every job of [work] is done or the deadline passes, whichever comes first. */
    suspend fun await(work: List<Job>) {
        coroutineScope {
            val drained = launch {
                work.joinAll()
                ended.complete(Unit)
            }
            ended.await()
            drained.cancel()
        }
        synchronized(this) { timer?.cancel() }
    }
}
