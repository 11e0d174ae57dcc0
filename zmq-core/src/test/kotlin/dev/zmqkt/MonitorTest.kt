package dev.zmqkt

import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainInOrder
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.takeWhile
import kotlinx.coroutines.flow.toList
import java.nio.ByteBuffer
import java.nio.ByteOrder

class MonitorTest : FunSpec({
    test("a connection's life shows as events on both sides") {
        withTestContext { ctx ->
            val server = ctx.socket(SocketType.PULL)
            val serverEvents = server.monitor()
            val endpoint = server.bind("tcp://127.0.0.1:*")
            val client = ctx.socket(SocketType.PUSH)
            val clientEvents = client.monitor()
            client.connect(endpoint)
            client.send(Message.of("x"))
            within { server.receive() }
            server.close()
            val clientSeen = within { clientEvents.map { it.type }.takeWhile { it != SocketEventType.DISCONNECTED }.toList() }
            clientSeen shouldContainInOrder listOf(SocketEventType.CONNECTED, SocketEventType.HANDSHAKE_SUCCEEDED)
            val serverSeen = within { serverEvents.map { it.type }.toList() } // ends when the socket is closed
            serverSeen shouldContainInOrder listOf(
                SocketEventType.LISTENING, SocketEventType.ACCEPTED, SocketEventType.HANDSHAKE_SUCCEEDED,
                SocketEventType.CLOSED, SocketEventType.MONITOR_STOPPED,
            )
        }
    }

    test("only the requested event types are delivered") {
        withTestContext { ctx ->
            val server = ctx.socket(SocketType.PULL)
            val accepted = server.monitor(SocketEventType.ACCEPTED)
            val endpoint = server.bind("tcp://127.0.0.1:*")
            ctx.socket(SocketType.PUSH).connect(endpoint)
            within { accepted.take(1).toList() }.single().let {
                it.type shouldBe SocketEventType.ACCEPTED
                it.endpoint shouldBe endpoint
            }
        }
    }

    test("the libzmq form publishes events on a PAIR at an inproc endpoint, in libzmq's format") {
        withTestContext { ctx ->
            val server = ctx.socket(SocketType.REP)
            server.monitor("inproc://monitor.server", SocketEventType.LISTENING, SocketEventType.ACCEPTED, SocketEventType.MONITOR_STOPPED)
            val monitor = ctx.socket(SocketType.PAIR).apply { connect("inproc://monitor.server") }
            val endpoint = server.bind("tcp://127.0.0.1:*")
            ctx.socket(SocketType.REQ).connect(endpoint)
            val listening = within { monitor.receive() }
            listening.size shouldBe 2
            listening[0].size shouldBe 6
            val head = ByteBuffer.wrap(listening[0].bytes()).order(ByteOrder.LITTLE_ENDIAN)
            head.getShort().toInt() shouldBe 0x0008
            listening[1].decodeToString() shouldBe endpoint
            SocketEvent.fromMonitorMessage(listening).type shouldBe SocketEventType.LISTENING
            SocketEvent.fromMonitorMessage(within { monitor.receive() }).type shouldBe SocketEventType.ACCEPTED
            server.stopMonitor()
            val stopped = SocketEvent.fromMonitorMessage(within { monitor.receive() })
            stopped.type shouldBe SocketEventType.MONITOR_STOPPED
            stopped.endpoint shouldBe ""
            shouldThrow<UnsupportedTransportException> { server.monitor("tcp://127.0.0.1:5") }
            shouldThrow<IllegalArgumentException> { SocketEvent.fromMonitorMessage(Message.of("bad")) }
        }
    }
})
