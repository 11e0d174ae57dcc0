package dev.zmqkt.flow

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.asFlow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withTimeout
import java.time.Duration

class SocketFlowsTest : FunSpec({
    test("a flow of messages sent to a socket arrives as a flow of messages on its peer, in order") {
        Context().use { ctx ->
            ctx.defaultOptions.linger = Duration.ofMillis(200)
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            (0 until 5_000).asFlow().map { Message.of("$it") }.sendTo(push)
            val got = withTimeout(10_000) { pull.messages().take(5_000).map { it[0].decodeToString().toInt() }.toList() }
            got shouldBe (0 until 5_000).toList()
        }
    }

    test("stopping a collection leaves the next messages on the socket") {
        Context().use { ctx ->
            ctx.defaultOptions.linger = Duration.ofMillis(200)
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            (0 until 10).forEach { push.send(Message.of("$it")) }
            withTimeout(10_000) { pull.messages().take(3).toList() }.map { it[0].decodeToString() } shouldBe listOf("0", "1", "2")
            withTimeout(10_000) { pull.receive() } shouldBe Message.of("3")
        }
    }

    test("the flow completes when the socket closes") {
        Context().use { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val collected = launch { pull.messages().toList() shouldBe emptyList() }
                pull.close()
                withTimeout(10_000) { collected.join() }
            }
        }
    }
})
