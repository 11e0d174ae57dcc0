package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.launch
import java.util.concurrent.CompletableFuture

/**
 * The `CompletableFuture` forms of a socket's suspending calls. A call that can complete at once returns a
 * completed future without starting a coroutine; otherwise a coroutine waits and completes the future.
 */
internal object SocketFutures {
    fun send(core: SocketCore, message: Message): CompletableFuture<Void?> {
        try {
            if (core.trySend(message)) return CompletableFuture.completedFuture(null)
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        val future = SendFuture()
        val job = core.context.scope.launch(start = CoroutineStart.UNDISPATCHED) {
            try {
                core.sendWhen { future.attempt(core, message) }
            } catch (e: Throwable) {
                future.completeExceptionally(e)
            }
        }
        future.whenComplete { _, _ -> if (future.isCancelled) job.cancel() }
        return future
    }

    fun receive(core: SocketCore): CompletableFuture<Message> {
        try {
            core.tryReceive()?.let { return CompletableFuture.completedFuture(it) }
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        val future = CompletableFuture<Message>()
        val job = core.context.scope.launch(start = CoroutineStart.UNDISPATCHED) {
            val message = try {
                core.receive()
            } catch (e: Throwable) {
                future.completeExceptionally(e)
                return@launch
            }
            // The future may have been cancelled after the message was taken: give the message back.
            if (!future.complete(message)) core.returnMessage(message)
        }
        future.whenComplete { _, _ -> if (future.isCancelled) job.cancel() }
        return future
    }
}
