package dev.zmqkt

import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.time.Duration

class SocketOptionsTest : FunSpec({
    test("defaults are libzmq's") {
        val o = SocketOptions.defaults()
        o.sendHighWaterMark shouldBe 1000
        o.receiveHighWaterMark shouldBe 1000
        o.linger shouldBe null
        o.reconnectInterval shouldBe Duration.ofMillis(100)
        o.reconnectIntervalMax shouldBe Duration.ZERO
        o.handshakeInterval shouldBe Duration.ofSeconds(30)
        o.maxMessageSize shouldBe null
        o.heartbeatInterval shouldBe null
        o.immediate shouldBe false
        o.routingId shouldBe null
        o.backlog shouldBe 100
    }

    test("out-of-range values raise InvalidOptionException and keep the old value") {
        val o = SocketOptions.defaults()
        shouldThrow<InvalidOptionException> { o.sendHighWaterMark = -1 }
        shouldThrow<InvalidOptionException> { o.linger = Duration.ofMillis(-1) }
        shouldThrow<InvalidOptionException> { o.routingId = ByteArray(0) }
        shouldThrow<InvalidOptionException> { o.routingId = ByteArray(256) }
        shouldThrow<InvalidOptionException> { o.routingId = byteArrayOf(0, 1) }
        shouldThrow<InvalidOptionException> { o.heartbeatTtl = Duration.ofSeconds(7000) }
        shouldThrow<InvalidOptionException> { o.maxMessageSize = -2 }
        shouldThrow<InvalidOptionException> { o.tcpKeepAliveCount = 0 }
        shouldThrow<InvalidOptionException> { o.backlog = 0 }
        o.sendHighWaterMark shouldBe 1000
        o.routingId = "id".toByteArray()
        String(o.routingId!!) shouldBe "id"
    }

    test("backlog is the kernel's accept queue of a tcp bind") {
        withTestContext { ctx ->
            val s = ctx.socket(SocketType.PULL)
            s.backlog = 321
            val port = s.bind("tcp://127.0.0.1:*").substringAfterLast(':')
            // For a listening socket, ss reports the accept queue's limit as Send-Q (the third column).
            val ss = ProcessBuilder("ss", "-ltnH", "sport = :$port").redirectErrorStream(true).start()
            val line = ss.inputStream.bufferedReader().readText().trim()
            ss.waitFor()
            line.split(Regex("\\s+"))[2] shouldBe "321"
        }
    }

    test("a context's default options apply to the sockets it makes afterwards") {
        withTestContext { ctx ->
            ctx.defaultOptions.sendHighWaterMark = 7
            ctx.defaultOptions.receiveTimeout = Duration.ofMillis(5)
            val s = ctx.socket(SocketType.PULL)
            s.sendHighWaterMark shouldBe 7
            s.receiveTimeout shouldBe Duration.ofMillis(5)
            s.sendHighWaterMark = 9
            ctx.defaultOptions.sendHighWaterMark shouldBe 7
        }
    }
})
