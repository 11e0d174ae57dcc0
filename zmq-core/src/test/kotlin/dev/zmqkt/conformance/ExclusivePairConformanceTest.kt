package dev.zmqkt.conformance

import dev.zmqkt.AgainException
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeoutOrNull
import java.net.ServerSocket
import java.time.Duration

/** RFC 31 (EXPAIR): what PAIR SHALL do. */
class ExclusivePairConformanceTest : FunSpec({
    test("a PAIR sends and receives with its one peer, both ways") {
        withTestContext { ctx ->
            val a = ctx.socket(SocketType.PAIR)
            val b = ctx.socket(SocketType.PAIR).apply { connect(a.bind("tcp://127.0.0.1:*")) }
            b.send(Message.of("ping"))
            within { a.receive() } shouldBe Message.of("ping")
            a.send(Message.of("pong", "two frames"))
            within { b.receive() } shouldBe Message.of("pong", "two frames")
        }
    }

    test("a second peer is refused while the first is connected; the first keeps working") {
        withTestContext { ctx ->
            val a = ctx.socket(SocketType.PAIR)
            val endpoint = a.bind("tcp://127.0.0.1:*")
            val first = ctx.socket(SocketType.PAIR)
            coroutineScope {
                val attached = expectEvent(first, SocketEventType.HANDSHAKE_SUCCEEDED)
                first.connect(endpoint)
                attached.await()
            }
            first.send(Message.of("from first"))
            within { a.receive() } shouldBe Message.of("from first")
            val second = ctx.socket(SocketType.PAIR).apply { immediate = true }
            coroutineScope {
                val refused = expectEvent(second, SocketEventType.DISCONNECTED)
                second.connect(endpoint)
                refused.await()
            }
            second.trySend(Message.of("from second")) shouldBe false
            a.send(Message.of("to first"))
            within { first.receive() } shouldBe Message.of("to first")
            withTimeoutOrNull(300) { a.receive() } shouldBe null
        }
    }

    test("a PAIR keeps its queue while the connection is not yet established") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val a = ctx.socket(SocketType.PAIR).apply { connect("tcp://127.0.0.1:$port") }
            a.send(Message.of("queued"))
            val b = ctx.socket(SocketType.PAIR).apply { bind("tcp://127.0.0.1:$port") }
            within { b.receive() } shouldBe Message.of("queued")
        }
    }

    test("a PAIR without a peer blocks on send, and at the high-water mark; nothing is discarded") {
        withTestContext { ctx ->
            val a = ctx.socket(SocketType.PAIR)
            val endpoint = a.bind("tcp://127.0.0.1:*")
            a.trySend(Message.of("nobody")) shouldBe false
            a.sendTimeout = Duration.ofMillis(50)
            shouldThrow<AgainException> { a.send(Message.of("nobody")) }
            val b = ctx.socket(SocketType.PAIR).apply { receiveHighWaterMark = 3; connect(endpoint) }
            a.apply { sendHighWaterMark = 3; sendTimeout = Duration.ofMillis(300) }
            val payload = ByteArray(64 * 1024)
            var accepted = 0
            while (true) {
                try {
                    a.send(Message.of(payload, "$accepted".toByteArray()))
                    accepted++
                } catch (e: AgainException) {
                    break
                }
            }
            within(30_000) { (0 until accepted).map { b.receive()[1].decodeToString().toInt() } } shouldBe (0 until accepted).toList()
        }
    }
})
