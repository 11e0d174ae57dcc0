package dev.zmqkt.conformance

import dev.zmqkt.AgainException
import dev.zmqkt.Message
import dev.zmqkt.OperationNotSupportedException
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import java.net.ServerSocket
import java.time.Duration

/** RFC 30 (PIPELINE): what PUSH and PULL SHALL do, one test per requirement group. */
class PipelineConformanceTest : FunSpec({
    test("PUSH only sends and PULL only receives; neither alters messages") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            shouldThrow<OperationNotSupportedException> { push.tryReceive() }
            shouldThrow<OperationNotSupportedException> { pull.trySend(Message.of("x")) }
            val original = Message.of(byteArrayOf(0, 1, 2), ByteArray(0), ByteArray(300) { it.toByte() })
            push.send(original)
            within { pull.receive() } shouldBe original
        }
    }

    test("PUSH round-robins over its connected peers") {
        withTestContext { ctx ->
            val push = ctx.socket(SocketType.PUSH)
            val endpoint = push.bind("tcp://127.0.0.1:*")
            val handshakes = push.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
            val pulls = (0 until 3).map { ctx.socket(SocketType.PULL).apply { connect(endpoint) } }
            within { handshakes.take(3).toList() } // all three peers are attached
            repeat(30) { push.send(Message.of("$it")) }
            val counts = pulls.map { p -> within { (0 until 10).map { p.receive()[0].decodeToString().toInt() } } }
            counts.forEach { it.size shouldBe 10 }
            counts.flatten().sorted() shouldContainExactly (0 until 30).toList()
            // each peer got every third message
            counts.forEach { got -> got.zipWithNext().all { (x, y) -> y - x == 3 } shouldBe true }
        }
    }

    test("PUSH keeps a queue for a peer it connects to before the peer exists (no message is lost)") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val push = ctx.socket(SocketType.PUSH)
            push.connect("tcp://127.0.0.1:$port")
            repeat(5) { push.send(Message.of("early $it")) }
            val pull = ctx.socket(SocketType.PULL)
            pull.bind("tcp://127.0.0.1:$port")
            within { (0 until 5).map { pull.receive()[0].decodeToString() } } shouldBe (0 until 5).map { "early $it" }
        }
    }

    test("PUSH with no peer blocks on send (or returns EAGAIN) and accepts nothing") {
        withTestContext { ctx ->
            val push = ctx.socket(SocketType.PUSH)
            push.bind("tcp://127.0.0.1:*")
            push.trySend(Message.of("x")) shouldBe false
            push.sendTimeout = Duration.ofMillis(50)
            shouldThrow<AgainException> { push.send(Message.of("x")) }
        }
    }

    test("PUSH blocks at the high-water mark and discards nothing") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 5 }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply {
                sendHighWaterMark = 5
                sendBufferSize = 4096
                connect(endpoint)
            }
            val payload = ByteArray(64 * 1024)
            var accepted = 0
            push.sendTimeout = Duration.ofMillis(300)
            // fill every queue on the way (send HWM, kernel buffers, receive HWM) until send blocks
            while (true) {
                try {
                    push.send(Message.of(payload, "$accepted".toByteArray()))
                    accepted++
                } catch (e: AgainException) {
                    break
                }
            }
            (accepted >= 10) shouldBe true
            val received = within(30_000) { (0 until accepted).map { pull.receive()[1].decodeToString().toInt() } }
            received shouldBe (0 until accepted).toList()
            pull.tryReceive() shouldBe null
        }
    }

    test("PULL fair-queues: a flooding peer does not starve a quiet one") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 50 }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val flood = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            val quiet = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            coroutineScope {
                val flooding = launch { while (true) flood.send(Message.of("flood")) }
                // let the flood fill the PULL's queue for that peer
                within { repeat(200) { pull.receive() } }
                repeat(10) { quiet.send(Message.of("quiet")) }
                var quietSeen = 0
                var total = 0
                within {
                    while (quietSeen < 10) {
                        if (pull.receive()[0].decodeToString() == "quiet") quietSeen++
                        total++
                    }
                }
                flooding.cancel()
                // with per-message fair queuing the quiet peer's messages interleave with the flood's
                (total < 2_000) shouldBe true
            }
        }
    }

    test("PULL delivers what a disconnected peer sent before it left") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { linger = Duration.ofSeconds(5); connect(endpoint) }
            repeat(100) { push.send(Message.of("$it")) }
            push.close()
            within { (0 until 100).map { pull.receive()[0].decodeToString().toInt() } } shouldBe (0 until 100).toList()
        }
    }
})
