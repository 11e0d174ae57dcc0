package dev.zmqkt.internal.codec

import dev.zmqkt.Metadata
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.bind
import io.kotest.property.arbitrary.boolean
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.element
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.string
import io.kotest.property.arbitrary.Codepoint
import io.kotest.property.arbitrary.az
import io.kotest.property.checkAll
import java.nio.ByteBuffer

class HandshakeCodecTest : FunSpec({
    test("greetings round-trip") {
        checkAll(Arb.int(3..255), Arb.int(0..255), Arb.element("NULL", "PLAIN", "CURVE"), Arb.boolean()) { major, minor, mechanism, server ->
            val bytes = Greeting(major, minor, mechanism, server).encode()
            bytes.size shouldBe 64
            Greeting.decode(ByteBuffer.wrap(bytes)) shouldBe Greeting(major, minor, mechanism, server)
        }
    }

    test("our greeting is ZMTP 3.1 with the signature, mechanism and zero filler") {
        val bytes = Greeting.ours("NULL", false).encode()
        bytes[0] shouldBe 0xFF.toByte()
        bytes[9] shouldBe 0x7F.toByte()
        bytes[10] shouldBe 3.toByte()
        bytes[11] shouldBe 1.toByte()
        String(bytes, 12, 4) shouldBe "NULL"
        bytes.drop(16).all { it == 0.toByte() } shouldBe true
    }

    test("ZMTP 1.0 and 2.0 peers are refused") {
        val v2 = Greeting(3, 0, "NULL", false).encode().also { it[10] = 1 }
        shouldThrow<ZmtpProtocolException> { Greeting.decode(ByteBuffer.wrap(v2)) }
        val v1 = ByteArray(64).also { it[0] = 0x01; it[1] = 0 }
        shouldThrow<ZmtpProtocolException> { Greeting.checkSignature(ByteBuffer.wrap(v1)) }
        val http = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".toByteArray().copyOf(64)
        shouldThrow<ZmtpProtocolException> { Greeting.checkSignature(ByteBuffer.wrap(http)) }
    }

    test("metadata round-trips and names compare without case") {
        val nameArb = Arb.string(1..40, Codepoint.az())
        checkAll(Arb.list(Arb.bind(nameArb, Arb.byteArray(Arb.int(0..300), Arb.byte())) { n, v -> n to v }, 0..6)) { props ->
            val decoded = Properties.decode(Properties.encode(Metadata(props)))
            decoded.entries.map { it.first } shouldBe props.map { it.first }
            decoded.entries.zip(props).all { (a, b) -> a.second.contentEquals(b.second) } shouldBe true
        }
        val m = Metadata(listOf("Socket-Type" to "PUSH".toByteArray()))
        m["socket-type"] shouldBe "PUSH"
    }

    test("READY has the layout of RFC 23's example") {
        val ready = Command.ready(Metadata(listOf("Socket-Type" to "DEALER".toByteArray(), "Identity" to ByteArray(0)))).encode()
        ready.size shouldBe 41
        ready[0] shouldBe 5.toByte()
        String(ready, 1, 5) shouldBe "READY"
    }

    test("truncated or overrunning metadata is refused") {
        val good = Properties.encode(Metadata(listOf("Socket-Type" to "PUSH".toByteArray())))
        for (cut in 1 until good.size) {
            shouldThrow<ZmtpProtocolException> { Properties.decode(good.copyOf(cut)) }
        }
        val lying = good.copyOf().also { it[1 + 11 + 3] = 100 } // value length 100, 4 bytes present
        shouldThrow<ZmtpProtocolException> { Properties.decode(lying) }
    }

    test("PING carries a TTL and a context that PONG echoes") {
        val ping = Command.decode(Command.ping(655, byteArrayOf(9, 8, 7)).encode())
        Command.pingTtl(ping) shouldBe 655
        Command.pongFor(ping).data.toList() shouldBe listOf<Byte>(9, 8, 7)
        Command.errorReason(Command.decode(Command.error("Invalid socket type").encode())) shouldBe "Invalid socket type"
    }

    test("socket type rules follow the RFCs") {
        SocketTypeRules.compatible("PUSH", "PULL") shouldBe true
        SocketTypeRules.compatible("PULL", "PUSH") shouldBe true
        SocketTypeRules.compatible("PAIR", "PAIR") shouldBe true
        SocketTypeRules.compatible("PUSH", "PUSH") shouldBe false
        SocketTypeRules.compatible("PAIR", "PULL") shouldBe false
        SocketTypeRules.compatible("PULL", "push") shouldBe false
        SocketTypeRules.compatible("DEALER", "ROUTER") shouldBe true
    }
})
