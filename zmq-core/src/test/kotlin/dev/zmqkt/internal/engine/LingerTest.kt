package dev.zmqkt.internal.engine

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import java.net.ServerSocket
import java.time.Duration

class LingerTest : FunSpec({
    test("messages queued before close are delivered within the linger time; closing the context waits for them") {
        val port = ServerSocket(0).use { it.localPort }
        val endpoint = "tcp://127.0.0.1:$port"
        val receiverContext = Context()
        val senderContext = Context()
        try {
            val push = senderContext.socket(SocketType.PUSH).apply {
                linger = Duration.ofSeconds(20)
                reconnectInterval = Duration.ofMillis(20)
                connect(endpoint)
            }
            repeat(50) { push.send(Message.of("$it")) }
            push.close()
            coroutineScope {
                val terminated = async { senderContext.terminate() }
                // the peer shows up only now; the lingering socket still delivers
                val pull = receiverContext.socket(SocketType.PULL).apply { bind(endpoint) }
                within { (0 until 50).map { pull.receive()[0].decodeToString().toInt() } } shouldBe (0 until 50).toList()
                within { terminated.await() }
            }
        } finally {
            senderContext.close()
            receiverContext.close()
        }
    }

    test("with linger zero, closing drops what is queued and returns at once") {
        val port = ServerSocket(0).use { it.localPort }
        val ctx = Context()
        val push = ctx.socket(SocketType.PUSH).apply {
            linger = Duration.ZERO
            connect("tcp://127.0.0.1:$port")
        }
        repeat(10) { push.send(Message.of("dropped")) }
        val started = System.nanoTime()
        within { ctx.terminate() }
        (System.nanoTime() - started) shouldBeLessThan 5_000_000_000L
    }

    test("a finite linger gives up on a peer that never comes") {
        val port = ServerSocket(0).use { it.localPort }
        val ctx = Context()
        val push = ctx.socket(SocketType.PUSH).apply {
            linger = Duration.ofMillis(200)
            connect("tcp://127.0.0.1:$port")
        }
        push.send(Message.of("never delivered"))
        within { ctx.terminate() }
        ctx.isClosed shouldBe true
    }
})
