package dev.zmqkt.internal.engine

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.future.await
import kotlinx.coroutines.yield
import java.net.ServerSocket
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.concurrent.thread

/** pyzmq's `destroy(linger)` and `close(linger)`: a linger given at close overrides, and a shorter one cuts short. */
class CloseWithLingerTest : FunSpec({
    /** A tcp endpoint nobody listens on, so a message queued to it waits for ever with the default linger. */
    fun deadEndpoint() = "tcp://127.0.0.1:${ServerSocket(0).use { it.localPort }}"

    test("the default linger is infinite; a second close with linger zero ends the first close's wait too") {
        val ctx = Context()
        val push = ctx.socket(SocketType.PUSH).apply { connect(deadEndpoint()) }
        push.linger shouldBe null
        push.send(Message.of("never delivered"))
        val firstClose = CompletableFuture<Unit>()
        thread(name = "blocked-in-close") {
            ctx.close() // infinite linger: waits until the second close below
            firstClose.complete(Unit)
        }
        within { while (!ctx.isClosed) yield() } // the first close has begun
        firstClose.isDone shouldBe false
        within { ctx.terminate(Duration.ZERO) }
        within { firstClose.await() }
    }

    test("Context.close(linger) overrides every socket's linger") {
        val ctx = Context()
        repeat(3) {
            ctx.socket(SocketType.DEALER).apply {
                connect(deadEndpoint())
                send(Message.of("queued"))
            }
        }
        val done = CompletableFuture.runAsync { ctx.close(Duration.ofMillis(100)) }
        within { done.await() }
        ctx.isClosed shouldBe true
    }

    test("Socket.close(linger) overrides the option; closing again with a shorter linger cuts the wait short") {
        val ctx = Context()
        val a = ctx.socket(SocketType.PUSH).apply { connect(deadEndpoint()) }
        val b = ctx.socket(SocketType.PUSH).apply { connect(deadEndpoint()) }
        a.send(Message.of("x"))
        b.send(Message.of("y"))
        a.close(Duration.ofMillis(50))
        b.close() // infinite: the context would wait for ever ...
        b.close(Duration.ofDays(1)) // ... a longer linger changes nothing ...
        coroutineScope {
            val terminated = async { ctx.terminate() }
            b.close(Duration.ZERO) // ... and linger zero ends it
            within { terminated.await() }
        }
    }

    test("a linger set on the socket after connect and before close is the one honoured") {
        val ctx = Context()
        val push = ctx.socket(SocketType.PUSH).apply { connect(deadEndpoint()) }
        push.send(Message.of("x"))
        push.linger = Duration.ofMillis(50)
        push.close()
        within { ctx.terminate() }
    }

    test("a longer linger given at terminate still delivers to a peer that comes late") {
        val port = ServerSocket(0).use { it.localPort }
        val receiver = Context()
        val sender = Context()
        try {
            val push = sender.socket(SocketType.PUSH).apply {
                linger = Duration.ZERO
                reconnectInterval = Duration.ofMillis(20)
                connect("tcp://127.0.0.1:$port")
            }
            push.send(Message.of("late"))
            coroutineScope {
                val terminated = async { sender.terminate(Duration.ofSeconds(20)) }
                val pull = receiver.socket(SocketType.PULL).apply { bind("tcp://127.0.0.1:$port") }
                within { pull.receive()[0].decodeToString() } shouldBe "late"
                within { terminated.await() }
            }
        } finally {
            sender.close(Duration.ZERO)
            receiver.close(Duration.ZERO)
        }
    }
})
