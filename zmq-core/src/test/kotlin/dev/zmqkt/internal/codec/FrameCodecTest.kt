@file:OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)

package dev.zmqkt.internal.codec

import dev.zmqkt.Frame
import dev.zmqkt.Message
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.map
import io.kotest.property.arbitrary.choice
import io.kotest.property.checkAll
import java.nio.ByteBuffer

/** Encodes [messages] with a buffer of [bufferSize] bytes, flushing it into one byte array. */
internal fun encodeAll(messages: List<Message>, bufferSize: Int = 64 * 1024): ByteArray {
    val encoder = FrameEncoder()
    val out = java.io.ByteArrayOutputStream()
    val buffer = ByteBuffer.allocate(bufferSize)
    fun flush() {
        buffer.flip()
        out.write(buffer.array(), 0, buffer.limit())
        buffer.clear()
    }
    for (m in messages) {
        var done = encoder.encode(m, buffer)
        while (!done) {
            flush()
            done = encoder.resume(buffer)
        }
    }
    flush()
    return out.toByteArray()
}

/** Decodes [bytes] fed in chunks of the given sizes (cycling), returning messages and commands in order. */
internal fun decodeAll(bytes: ByteArray, chunkSizes: List<Int>, decoder: FrameDecoder = FrameDecoder(-1, 1 shl 20)): List<Any> {
    val results = ArrayList<Any>()
    var at = 0
    var i = 0
    while (at < bytes.size) {
        val n = minOf(chunkSizes[i++ % chunkSizes.size].coerceAtLeast(1), bytes.size - at)
        val chunk = ByteBuffer.wrap(bytes, at, n)
        at += n
        while (true) {
            when (decoder.decode(chunk)) {
                FrameDecoder.MESSAGE -> results.add(decoder.message!!)
                FrameDecoder.COMMAND -> results.add(decoder.command!!)
                else -> break
            }
        }
        chunk.remaining() shouldBe 0
    }
    return results
}

private val frameArb = Arb.choice(
    Arb.byteArray(Arb.int(0..300), Arb.byte()),
    Arb.byteArray(Arb.int(0..5), Arb.byte()),
    Arb.byteArray(Arb.int(250..70_000), Arb.byte()),
).map { Frame.of(it) }

private val messageArb = Arb.list(frameArb, 1..5).map { Message(it) }

class FrameCodecTest : FunSpec({
    test("messages survive encode and decode whatever the buffer and chunk sizes") {
        checkAll(200, Arb.list(messageArb, 1..8), Arb.int(16..70_000), Arb.list(Arb.int(1..100_000), 1..6)) { messages, bufferSize, chunks ->
            val bytes = encodeAll(messages, bufferSize)
            decodeAll(bytes, chunks) shouldContainExactly messages
        }
    }

    test("short frames use a 1-byte size and long frames an 8-byte size, with MORE on all but the last") {
        val bytes = encodeAll(listOf(Message(listOf(Frame.of(ByteArray(3) { 7 }), Frame.of(ByteArray(256))))))
        bytes[0] shouldBe FrameFlags.MORE.toByte()
        bytes[1] shouldBe 3.toByte()
        bytes[5] shouldBe FrameFlags.LONG.toByte()
        ByteBuffer.wrap(bytes, 6, 8).long shouldBe 256L
        bytes.size shouldBe 2 + 3 + 9 + 256
    }

    test("commands decode between messages") {
        val encoder = FrameEncoder()
        val buffer = ByteBuffer.allocate(1024)
        encoder.encode(Message.of("a"), buffer)
        encoder.encodeCommand(Command.ping(10, byteArrayOf(1, 2)).encode(), buffer)
        encoder.encode(Message.of("b", "c"), buffer)
        buffer.flip()
        val bytes = ByteArray(buffer.remaining()).also { buffer.get(it) }
        val out = decodeAll(bytes, listOf(1))
        out.size shouldBe 3
        out[0] shouldBe Message.of("a")
        (out[1] as Command).name shouldBe "PING"
        Command.pingTtl(out[1] as Command) shouldBe 10
        out[2] shouldBe Message.of("b", "c")
    }

    test("truncated input waits for more instead of failing") {
        checkAll(100, messageArb) { message ->
            val bytes = encodeAll(listOf(message))
            val decoder = FrameDecoder(-1, 1024)
            val cut = bytes.size - 1
            decoder.decode(ByteBuffer.wrap(bytes, 0, cut)) shouldBe FrameDecoder.NEED_INPUT
            decoder.decode(ByteBuffer.wrap(bytes, cut, 1)) shouldBe FrameDecoder.MESSAGE
            decoder.message shouldBe message
        }
    }

    test("a frame larger than the maximum is refused from its header, before its body arrives") {
        val header = ByteBuffer.allocate(9).put(FrameFlags.LONG.toByte()).putLong(1L shl 40).flip()
        val e = shouldThrow<ZmtpProtocolException> { FrameDecoder(1_000_000, 1024).decode(header) }
        e.message shouldContain "exceeds"
    }

    test("hostile sizes: negative long sizes, sizes beyond a JVM array, oversized commands") {
        val negative = ByteBuffer.allocate(9).put(FrameFlags.LONG.toByte()).putLong(-5).flip()
        shouldThrow<ZmtpProtocolException> { FrameDecoder(-1, 1024).decode(negative) }
        val huge = ByteBuffer.allocate(9).put(FrameFlags.LONG.toByte()).putLong(Long.MAX_VALUE).flip()
        shouldThrow<ZmtpProtocolException> { FrameDecoder(-1, 1024).decode(huge) }
        val bigCommand = ByteBuffer.allocate(9).put((FrameFlags.LONG or FrameFlags.COMMAND).toByte()).putLong(5000).flip()
        shouldThrow<ZmtpProtocolException> { FrameDecoder(-1, 1024).decode(bigCommand) }
    }

    test("an announced huge frame allocates only as its bytes arrive") {
        val size = 64L shl 20 // 64 MiB announced, only 1 MiB sent
        val decoder = FrameDecoder(-1, 1024)
        decoder.decode(ByteBuffer.allocate(9).put(FrameFlags.LONG.toByte()).putLong(size).flip()) shouldBe FrameDecoder.NEED_INPUT
        val before = Runtime.getRuntime().let { it.totalMemory() - it.freeMemory() }
        decoder.decode(ByteBuffer.allocate(1 shl 20)) shouldBe FrameDecoder.NEED_INPUT
        val after = Runtime.getRuntime().let { it.totalMemory() - it.freeMemory() }
        (after - before < (32L shl 20)) shouldBe true
    }

    test("reserved flag bits, MORE on a command and a command inside a multipart message are refused") {
        shouldThrow<ZmtpProtocolException> { FrameDecoder(-1, 1024).decode(ByteBuffer.wrap(byteArrayOf(0x08, 0))) }
        shouldThrow<ZmtpProtocolException> { FrameDecoder(-1, 1024).decode(ByteBuffer.wrap(byteArrayOf(0x05, 0))) }
        val mixed = byteArrayOf(FrameFlags.MORE.toByte(), 1, 65, FrameFlags.COMMAND.toByte(), 0)
        shouldThrow<ZmtpProtocolException> { decodeAll(mixed, listOf(100)) }
    }

    test("malformed command bodies are refused") {
        shouldThrow<ZmtpProtocolException> { Command.decode(ByteArray(0)) }
        shouldThrow<ZmtpProtocolException> { Command.decode(byteArrayOf(10, 65)) }
        shouldThrow<ZmtpProtocolException> { Command.decode(byteArrayOf(0)) }
    }
})
