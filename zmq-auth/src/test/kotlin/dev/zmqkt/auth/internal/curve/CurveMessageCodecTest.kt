package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.putBigEndianLong
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.int
import io.kotest.property.checkAll
import java.nio.ByteBuffer

class CurveMessageCodecTest : FunSpec({
    fun connected(): CurvePair = CurvePair().also { it.complete() }

    fun wrap(codec: CurveMessageCodec, payload: ByteArray, flags: Int = 0): ByteArray =
        ByteArray(payload.size + CurveMessageCodec.OVERHEAD).also { codec.wrap(payload, 0, payload.size, flags, it, 0) }

    test("the wire layout: name, nonce, then 16 + 1 + payload bytes of box") {
        val pair = connected()
        val body = wrap(pair.client.codec, "hello".toByteArray())
        body.size shouldBe 8 + 8 + 16 + 1 + 5
        body.copyOfRange(0, 8) shouldBe byteArrayOf(7) + "MESSAGE".toByteArray()
    }

    test("round trips any payload at any offset, heap, sliced and direct buffers") {
        val pair = connected()
        checkAll(200, Arb.byteArray(Arb.int(0..3000), Arb.byte()), Arb.int(0..3)) { payload, flags ->
            val padded = ByteArray(payload.size + 11).also { payload.copyInto(it, 5) }
            val buffers = listOf(
                ByteBuffer.allocate(payload.size + 100).position(7),
                ByteBuffer.allocate(payload.size + 100).position(3).slice().position(2),
                ByteBuffer.allocateDirect(payload.size + 100).position(9),
            )
            for (buffer in buffers) {
                val start = buffer.position()
                pair.server.codec.wrap(padded, 5, payload.size, flags, buffer)
                buffer.position() shouldBe start + payload.size + CurveMessageCodec.OVERHEAD
                val body = ByteArray(payload.size + CurveMessageCodec.OVERHEAD)
                buffer.duplicate().position(start).get(body)
                pair.client.codec.unwrap(body, body.size) shouldBe flags
                body.copyOfRange(CurveMessageCodec.PAYLOAD, body.size) shouldBe payload
            }
        }
    }

    test("the flags byte keeps MORE and COMMAND only") {
        val pair = connected()
        val body = wrap(pair.server.codec, ByteArray(3), 0xFF)
        pair.client.codec.unwrap(body, body.size) shouldBe 3
    }

    test("a replayed frame: INVALID_SEQUENCE, and the connection's next frame still opens") {
        val pair = connected()
        val first = wrap(pair.client.codec, "one".toByteArray())
        val replay = first.copyOf()
        pair.server.codec.unwrap(first, first.size)
        shouldFailWith(CurveErrorCodes.INVALID_SEQUENCE) { pair.server.codec.unwrap(replay, replay.size) }
        val second = wrap(pair.client.codec, "two".toByteArray())
        pair.server.codec.unwrap(second, second.size) shouldBe 0
    }

    test("a lower nonce than the last: INVALID_SEQUENCE") {
        val pair = connected()
        val a = wrap(pair.client.codec, "a".toByteArray())
        val b = wrap(pair.client.codec, "b".toByteArray())
        pair.server.codec.unwrap(b, b.size)
        shouldFailWith(CurveErrorCodes.INVALID_SEQUENCE) { pair.server.codec.unwrap(a, a.size) }
    }

    test("the nonce of the handshake's INITIATE (2) is refused as a MESSAGE nonce") {
        val pair = connected()
        val body = wrap(pair.client.codec, ByteArray(1)).also { putBigEndianLong(it, 8, 2) }
        shouldFailWith(CurveErrorCodes.INVALID_SEQUENCE) { pair.server.codec.unwrap(body, body.size) }
    }

    test("a flipped bit anywhere in the nonce or box: CRYPTOGRAPHIC, and the nonce is not advanced by a forgery") {
        val pair = connected()
        val good = wrap(pair.client.codec, ByteArray(100) { it.toByte() })
        for (index in 8 until good.size) {
            val forged = flip(good.copyOf(), index)
            val e = shouldThrow<CurveProtocolException> { pair.server.codec.unwrap(forged, forged.size) }
            // Byte 15 holds the nonce's low bit: 3 becomes 2, not above the last nonce (INITIATE's 2).
            val expected = if (index == 15) CurveErrorCodes.INVALID_SEQUENCE else CurveErrorCodes.CRYPTOGRAPHIC
            Integer.toHexString(e.code) shouldBe Integer.toHexString(expected)
        }
        pair.server.codec.unwrap(good, good.size) shouldBe 0
    }

    test("a frame sent by the peer's own direction (a reflected frame) does not open") {
        val pair = connected()
        val fromServer = wrap(pair.server.codec, ByteArray(10))
        // Fed back to the server: its receiving prefix is the client's, so the box fails.
        putBigEndianLong(fromServer, 8, 1000)
        shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.codec.unwrap(fromServer, fromServer.size) }
    }

    test("not a command body: MALFORMED_COMMAND_UNSPECIFIED; another command: UNEXPECTED_COMMAND; too short: MALFORMED_COMMAND_MESSAGE") {
        val codec = connected().server.codec
        shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_UNSPECIFIED) { codec.unwrap(ByteArray(0), 0) }
        shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_UNSPECIFIED) { codec.unwrap(byteArrayOf(7, 77), 2) }
        shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { codec.unwrap(byteArrayOf(4) + "PING".toByteArray() + ByteArray(30), 35) }
        shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { codec.unwrap(byteArrayOf(7) + "MESSAGX".toByteArray() + ByteArray(30), 38) }
        shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_MESSAGE) {
            codec.unwrap(byteArrayOf(7) + "MESSAGE".toByteArray() + ByteArray(24), 32)
        }
    }

    test("wrap and unwrap run at the same time from two threads without interfering") {
        val pair = connected()
        val count = 20_000
        val fromClient = (0 until count).map { wrap(pair.client.codec, "c$it".toByteArray()) }
        val sender = Thread { repeat(count) { wrap(pair.server.codec, "s$it".toByteArray()) } }
        sender.start()
        for ((i, body) in fromClient.withIndex()) {
            pair.server.codec.unwrap(body, body.size)
            String(body, CurveMessageCodec.PAYLOAD, body.size - CurveMessageCodec.PAYLOAD) shouldBe "c$i"
        }
        sender.join()
        // The server's sending nonce went on undisturbed: the client opens its next frame.
        val next = wrap(pair.server.codec, "after".toByteArray())
        pair.client.codec.unwrap(next, next.size) shouldBe 0
    }
})
