package dev.zmqkt.future

import dev.zmqkt.internal.SocketCore
import dev.zmqkt.internal.sync.Signal
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import java.util.concurrent.locks.LockSupport
import kotlin.coroutines.EmptyCoroutineContext

/**
 * The future of a socket call that could not complete at once and waits for [signal] (room to send, or a
 * message). It waits without a coroutine, in one of two ways:
 *
 * - **In the background**: it is a [Signal.Waiter]; each wake-up runs one [tryOnce] on the context's dispatcher,
 *   never on the thread that signalled (that may be the selector thread, and completing the future runs the
 *   caller's callbacks).
 * - **In a blocked caller**: a thread in [join] or [get] takes the background waiter off the signal and makes the
 *   tries itself, on its own thread, each time the signal moves. A message then costs one thread wake-up, as for
 *   a suspended coroutine, instead of a dispatch and then a wake-up of the blocked thread.
 *
 * A try ([attemptOnce]) and [cancel] exclude each other under this future's monitor: once `cancel` returns true
 * the operation did not and will not happen; once it has happened, the future cannot be cancelled.
 *
 * [timeout] (the socket's send or receive timeout, from the call) fails the future with an `AgainException`.
 */
internal abstract class WaitingFuture<T>(
    protected val core: SocketCore,
    private val signal: Signal,
    private val timeout: Duration?,
    private val what: String,
) : CompletableFuture<T>(), Signal.Waiter {
    private val deadline = if (timeout == null) Long.MAX_VALUE else System.nanoTime() + timeout.toNanos()

    /** True once the operation happened or the future ended otherwise; guarded by this future's monitor. */
    private var settled = false

    /**
     * Threads blocked in join/get, which make the tries while they wait; changed under this future's monitor,
     * read without it by [wake].
     */
    @Volatile
    private var blockedCallers = 0

    /** Whether this future is in [signal]'s waiter list; changed under this future's monitor or by [wake]. */
    @Volatile
    private var registered = false

    @Volatile
    private var timer: Job? = null

    /** One try at the operation, under this future's monitor: [NOT_YET], or the value to complete with. */
    protected abstract fun attemptOnce(): Any?

    /** Called when the future could not take [value] (completed by someone else meanwhile): undo the operation. */
    protected open fun undo(value: T) {}

    /** Starts waiting in the background; call once, after the first try failed. */
    fun start(): CompletableFuture<T> {
        if (deadline != Long.MAX_VALUE) {
            timer = core.context.scope.launch {
                delay((deadline - System.nanoTime() + 999_999) / 1_000_000)
                expire()
            }
        }
        // However the future ends (here, by cancel, or completed from outside), it leaves the signal's list.
        whenComplete { _, _ -> finish() }
        armBackground()
        return this
    }

    override fun wake() {
        registered = false // the signal has just taken this waiter off its list
        // A caller that blocked after this waiter was registered is woken by the same signal and tries itself.
        if (blockedCallers > 0) return
        val attempt = Runnable { armBackground() }
        try {
            core.context.dispatcher.dispatch(EmptyCoroutineContext, attempt)
        } catch (e: RuntimeException) {
            // The context's dispatcher cannot take it (shut down, or Unconfined): never run it on this thread,
            // which may be the selector's.
            Dispatchers.Default.dispatch(EmptyCoroutineContext, attempt)
        }
    }

    /**
     * Tries, and registers for the next signal if that failed, unless a blocked caller is trying instead or the
     * future is registered already. Registering happens under this future's monitor, so it cannot race with a
     * caller blocking, with [cancel], or with a second registration.
     */
    private fun armBackground() {
        while (true) {
            val seen = signal.version
            if (tryOnce()) return
            synchronized(this) {
                if (blockedCallers > 0 || registered || settled || isDone) return
                if (signal.register(seen, this)) {
                    registered = true
                    return
                }
            }
        }
    }

    /** One try: true when no more tries are needed (it happened, failed for good, or the future is done). */
    private fun tryOnce(): Boolean {
        val value: Any?
        synchronized(this) {
            if (settled || isDone) return true
            value = try {
                attemptOnce()
            } catch (e: Exception) {
                settled = true
                e
            }
            if (value === NOT_YET) return false
            settled = true
        }
        if (value is Exception) {
            completeExceptionally(value)
        } else {
            @Suppress("UNCHECKED_CAST")
            if (!complete(value as T)) undo(value)
        }
        return true
    }

    private fun expire() {
        synchronized(this) {
            if (settled || isDone) return
            settled = true
        }
        completeExceptionally(timedOut())
    }

    /** The exception a timeout fails the future with. */
    protected open fun timedOut(): Exception = core.timedOut(what, timeout!!)

    private fun finish() {
        synchronized(this) {
            signal.unregister(this)
            registered = false
        }
        timer?.cancel()
    }

    override fun cancel(mayInterruptIfRunning: Boolean): Boolean {
        synchronized(this) {
            if (settled) return false
            settled = true
        }
        return super.cancel(mayInterruptIfRunning)
    }

    // ---- blocked callers ----

    override fun join(): T {
        waitHere(Long.MAX_VALUE, interruptible = false)
        return super.join()
    }

    override fun get(): T {
        waitHere(Long.MAX_VALUE, interruptible = true)
        return super.get()
    }

    override fun get(timeout: Long, unit: TimeUnit): T {
        val callerDeadline = System.nanoTime() + unit.toNanos(timeout).coerceAtMost(Long.MAX_VALUE / 4)
        waitHere(callerDeadline, interruptible = true)
        // Another thread may have settled the future and be about to complete it: wait out the rest of the time.
        return super.get((callerDeadline - System.nanoTime()).coerceAtLeast(0), TimeUnit.NANOSECONDS)
    }

    /**
     * Makes the tries on this thread until the future is done or [callerDeadline] (nanoTime) passes. An
     * interrupted [get] throws; an interrupted [join] keeps waiting and leaves the thread's interrupt flag set.
     */
    private fun waitHere(callerDeadline: Long, interruptible: Boolean) {
        if (isDone) return
        synchronized(this) {
            blockedCallers++
            signal.unregister(this)
            registered = false
        }
        // Completion from elsewhere (cancel, complete, orTimeout) does not move the signal: it wakes us directly.
        // (Not when this thread completes it itself: that would leave a permit for its next, unrelated park.)
        val me = Thread.currentThread()
        whenComplete { _, _ -> if (Thread.currentThread() !== me) LockSupport.unpark(me) }
        var interrupted = false
        try {
            while (!isDone) {
                val seen = signal.version
                if (tryOnce()) return
                val now = System.nanoTime()
                if (deadline != Long.MAX_VALUE && now - deadline >= 0) {
                    expire()
                    return
                }
                if (callerDeadline != Long.MAX_VALUE && now - callerDeadline >= 0) return
                signal.awaitBlocking(seen, minOf(deadline, callerDeadline)) { isDone }
                if (Thread.interrupted()) {
                    if (interruptible) throw InterruptedException("interrupted while waiting to $what")
                    interrupted = true
                }
            }
        } finally {
            val rearm = synchronized(this) { --blockedCallers == 0 && !settled && !isDone }
            if (rearm) armBackground()
            if (interrupted) Thread.currentThread().interrupt()
        }
    }

    companion object {
        /** What [attemptOnce] returns when the operation cannot happen yet. */
        val NOT_YET = Any()
    }
}
