package dev.zmqkt.internal.session

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import java.net.ServerSocket
import java.time.Duration

class ReconnectTest : FunSpec({
    test("the reconnect wait doubles up to the maximum, with jitter below the base, and resets") {
        val backoff = ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(800))
        val waits = (0 until 6).map { backoff.next() }
        waits[0] shouldBeInRange 100L..199L
        waits[1] shouldBeInRange 200L..299L
        waits[2] shouldBeInRange 400L..499L
        waits[3] shouldBeInRange 800L..899L
        waits[4] shouldBeInRange 800L..899L
        backoff.reset()
        backoff.next() shouldBeInRange 100L..199L
        ReconnectBackoff(Duration.ofMillis(100), Duration.ZERO).let { b -> repeat(5) { b.next() shouldBeInRange 100L..199L } }
        ReconnectBackoff(null, Duration.ZERO).enabled shouldBe false
        ReconnectBackoff(Duration.ZERO, Duration.ZERO).enabled shouldBe false
    }

    test("refused connects are retried with growing waits, reported as CONNECT_RETRIED") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val push = ctx.socket(SocketType.PUSH).apply {
                reconnectInterval = Duration.ofMillis(20)
                reconnectIntervalMax = Duration.ofMillis(80)
            }
            val retries = push.monitor(SocketEventType.CONNECT_RETRIED)
            push.connect("tcp://127.0.0.1:$port")
            val waits = within { retries.map { it.value.toInt() }.take(4).toList() }
            waits[0] shouldBeInRange 20..39
            waits[1] shouldBeInRange 40..59
            waits[2] shouldBeInRange 80..99
            waits[3] shouldBeInRange 80..99
        }
    }

    test("when the peer restarts, the connecting side reconnects and traffic resumes") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val endpoint = "tcp://127.0.0.1:$port"
            val push = ctx.socket(SocketType.PUSH).apply { reconnectInterval = Duration.ofMillis(20) }
            val handshakes = push.monitor(SocketEventType.HANDSHAKE_SUCCEEDED, SocketEventType.DISCONNECTED)
            push.connect(endpoint)
            val first = ctx.socket(SocketType.PULL).apply { linger = Duration.ZERO; bind(endpoint) }
            push.send(Message.of("one"))
            within { first.receive() } shouldBe Message.of("one")
            first.close()
            within { handshakes.filter { it.type == SocketEventType.DISCONNECTED }.first() }
            val second = ctx.socket(SocketType.PULL).apply { bind(endpoint) }
            push.send(Message.of("two"))
            within { second.receive() } shouldBe Message.of("two")
        }
    }

    test("with reconnect disabled a lost connection stays lost") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { reconnectInterval = null }
            val disconnects = push.monitor(SocketEventType.DISCONNECTED)
            val retries = push.monitor(SocketEventType.CONNECT_RETRIED)
            push.connect(endpoint)
            push.send(Message.of("x"))
            within { pull.receive() }
            pull.unbind(endpoint)
            within { disconnects.first() }
            kotlinx.coroutines.withTimeoutOrNull(300) { retries.first() } shouldBe null
        }
    }
})
