package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore
import dev.zmqkt.internal.io.SelectorThread
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.launch
import java.util.concurrent.CompletableFuture

/**
 * The `CompletableFuture` forms of a socket's suspending calls. A call that can complete at once returns a
 * completed future without starting a coroutine; otherwise a coroutine waits and completes the future.
 *
 * ### Threads
 * When a message arrives on a selector thread, the waiting coroutine resumes right there ([ResumeOnSelector]),
 * so a caller blocked in `join()` or `get()` is woken by that thread directly, with no hop through the
 * context's dispatcher in between. The selector thread only takes the message and completes the future, and
 * does so itself only while nothing but blocked callers waits on it ([SocketFuture]): when callbacks are
 * attached, the future is completed on the context's dispatcher, so user code does not run on an I/O thread. (A callback attached at the very moment of completion may still run there; blocking work in
 * callbacks belongs in the `...Async` stages.)
 */
internal object SocketFutures {
    fun send(core: SocketCore, message: Message): CompletableFuture<Void?> {
        try {
            if (core.trySend(message)) return CompletableFuture.completedFuture(null)
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        val future = SocketFuture<Void?>()
        val job = core.context.scope.launch(core.context.resumeOnSelector, CoroutineStart.UNDISPATCHED) {
            val outcome = try {
                core.send(message)
                null
            } catch (e: Throwable) {
                e
            }
            completeAway(core, future) { if (outcome == null) future.complete(null) else future.completeExceptionally(outcome) }
        }
        future.onCancel = { job.cancel() }
        if (future.isCancelled) job.cancel()
        return future
    }

    fun receive(core: SocketCore): CompletableFuture<Message> {
        try {
            core.tryReceive()?.let { return CompletableFuture.completedFuture(it) }
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        val future = SocketFuture<Message>()
        val job = core.context.scope.launch(core.context.resumeOnSelector, CoroutineStart.UNDISPATCHED) {
            val message = try {
                core.receive()
            } catch (e: Throwable) {
                completeAway(core, future) { future.completeExceptionally(e) }
                return@launch
            }
            // The future may have been cancelled after the message was taken: give the message back.
            completeAway(core, future) { if (!future.complete(message)) core.returnMessage(message) }
        }
        future.onCancel = { job.cancel() }
        if (future.isCancelled) job.cancel()
        return future
    }

    /**
     * Runs [complete] here when only blocked callers wait on [future], else on the context's dispatcher, where
     * attached callbacks may run.
     */
    private inline fun completeAway(core: SocketCore, future: SocketFuture<*>, crossinline complete: () -> Unit) {
        if (!SelectorThread.isCurrent || future.onlyBlockedCallersWait()) {
            complete()
        } else {
            core.context.scope.launch { complete() }
        }
    }
}
