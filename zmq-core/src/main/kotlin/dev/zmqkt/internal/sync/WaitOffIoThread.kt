package dev.zmqkt.internal.sync

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.currentCoroutineContext
import kotlinx.coroutines.withContext
import kotlin.coroutines.ContinuationInterceptor

/**
 * Runs the suspending [block] so that its caller is never resumed on the thread that wakes it. A coroutine
 * without a dispatcher of its own (a `suspend fun main`, one started with `Dispatchers.Unconfined`) is resumed
 * by whoever completes its wait, here often zmq-kt's I/O thread, and its code would go on running there; such a
 * caller waits on [fallback] (the context's dispatcher) instead and continues there. A caller with a dispatcher
 * runs [block] directly: no extra hand-off.
 */
internal suspend inline fun <T> waitOffIoThread(fallback: CoroutineDispatcher, crossinline block: suspend () -> T): T {
    val interceptor = currentCoroutineContext()[ContinuationInterceptor]
    return if (interceptor != null && interceptor !== Dispatchers.Unconfined) block() else withContext(fallback) { block() }
}
