package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.internal.SocketCore
import java.util.concurrent.CompletableFuture

/**
 * The `CompletableFuture` forms of a socket's suspending calls. A call that can complete at once returns a
 * completed future; otherwise a [WaitingFuture] waits for the socket and completes.
 */
internal object SocketFutures {
    fun send(core: SocketCore, message: Message): CompletableFuture<Void?> {
        try {
            if (core.trySend(message)) return CompletableFuture.completedFuture(null)
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        return SendFuture(core, message).start()
    }

    fun receive(core: SocketCore): CompletableFuture<Message> {
        try {
            core.tryReceive()?.let { return CompletableFuture.completedFuture(it) }
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        return ReceiveFuture(core).start()
    }

    fun sendAll(core: SocketCore, messages: List<Message>): CompletableFuture<Void?> {
        val sent = try {
            core.trySendAll(messages)
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        if (sent == messages.size) return CompletableFuture.completedFuture(null)
        return SendAllFuture(core, messages, sent).start()
    }

    fun receiveAvailable(core: SocketCore, max: Int): CompletableFuture<List<Message>> {
        try {
            core.tryReceiveAll(max).let { if (it.isNotEmpty()) return CompletableFuture.completedFuture(it) }
        } catch (e: Exception) {
            return CompletableFuture.failedFuture(e)
        }
        return ReceiveAvailableFuture(core, max).start()
    }
}
