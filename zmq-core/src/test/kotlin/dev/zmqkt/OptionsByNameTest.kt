package dev.zmqkt

import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration

/** Options read and set by their libzmq names, with values as a configuration file gives them. */
class OptionsByNameTest : FunSpec({
    test("names are case-insensitive, with or without ZMQ_, and set the typed property") {
        withTestContext { ctx ->
            val s = ctx.socket(SocketType.DEALER)
            s.setOption("SNDHWM", 10)
            s.sendHighWaterMark shouldBe 10
            s.setOption("zmq_rcvhwm", "20")
            s.receiveHighWaterMark shouldBe 20
            s.setOption("ZMQ_ROUTING_ID", "worker-1")
            String(s.routingId!!) shouldBe "worker-1"
            s.setOption("identity", byteArrayOf(1, 2))
            (s.getOption("ROUTING_ID") as ByteArray).toList() shouldBe listOf<Byte>(1, 2)
            s.getOption("sndhwm") shouldBe 10
        }
    }

    test("durations are milliseconds (seconds for TCP keepalive times), and libzmq's none-number is null") {
        val o = SocketOptions.defaults()
        o.setOption("LINGER", 1000)
        o.linger shouldBe Duration.ofSeconds(1)
        o.setOption("LINGER", "-1")
        o.linger shouldBe null
        o.setOption("LINGER", Duration.ofMillis(5))
        o.getOption("LINGER") shouldBe Duration.ofMillis(5)
        o.setOption("RCVTIMEO", 250L)
        o.receiveTimeout shouldBe Duration.ofMillis(250)
        o.setOption("HEARTBEAT_IVL", 0)
        o.heartbeatInterval shouldBe null
        o.setOption("HANDSHAKE_IVL", 0)
        o.handshakeInterval shouldBe null
        o.setOption("TCP_KEEPALIVE_IDLE", 30)
        o.tcpKeepAliveIdle shouldBe Duration.ofSeconds(30)
        o.setOption("RECONNECT_IVL_MAX", "5000")
        o.reconnectIntervalMax shouldBe Duration.ofSeconds(5)
        o.setOption("RECONNECT_IVL", -1)
        o.reconnectInterval shouldBe null
    }

    test("booleans, nullable numbers and bytes convert from the forms libzmq and config files use") {
        val o = SocketOptions.defaults()
        o.setOption("IMMEDIATE", "true")
        o.immediate shouldBe true
        o.setOption("IMMEDIATE", 0)
        o.immediate shouldBe false
        o.setOption("ipv6", 1)
        o.ipv6 shouldBe true
        o.setOption("TCP_KEEPALIVE", -1)
        o.tcpKeepAlive shouldBe null
        o.setOption("TCP_KEEPALIVE", "1")
        o.tcpKeepAlive shouldBe true
        o.setOption("MAXMSGSIZE", "1048576")
        o.maxMessageSize shouldBe 1_048_576L
        o.setOption("MAXMSGSIZE", -1)
        o.maxMessageSize shouldBe null
        o.setOption("SNDBUF", -1)
        o.sendBufferSize shouldBe null
        o.setOption("XPUB_WELCOME_MSG", "welcome")
        String(o.xpubWelcomeMessage!!) shouldBe "welcome"
        o.setOption("XPUB_WELCOME_MSG", null)
        o.xpubWelcomeMessage shouldBe null
    }

    test("unknown names, unconvertible values and out-of-range values raise InvalidOptionException") {
        withTestContext { ctx ->
            val s = ctx.socket(SocketType.PUSH)
            shouldThrow<InvalidOptionException> { s.setOption("NO_SUCH_OPTION", 1) }.message shouldContain "NO_SUCH_OPTION"
            shouldThrow<InvalidOptionException> { s.getOption("NO_SUCH_OPTION") }
            shouldThrow<InvalidOptionException> { s.setOption("SNDHWM", "lots") }.message shouldContain "ZMQ_SNDHWM"
            shouldThrow<InvalidOptionException> { s.setOption("SNDHWM", 3_000_000_000L) }
            shouldThrow<InvalidOptionException> { s.setOption("SNDHWM", -5) }
            shouldThrow<InvalidOptionException> { s.setOption("IMMEDIATE", "maybe") }
            shouldThrow<InvalidOptionException> { s.setOption("IMMEDIATE", 2) }
            shouldThrow<InvalidOptionException> { s.setOption("LINGER", -2) }
            shouldThrow<InvalidOptionException> { s.setOption("ROUTING_ID", 7) }
            shouldThrow<InvalidOptionException> { s.setOption("SNDHWM", null) }
            shouldThrow<InvalidOptionException> { s.setOption("ROUTER_MANDATORY", true) } // not on a PUSH
            s.sendHighWaterMark shouldBe 1000
        }
    }
})
