@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.codec

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.ZmqMechanismApi
import java.nio.ByteBuffer

/**
 * Writes [Message]s and commands as ZMTP 3 frames into a buffer. Pure: no I/O.
 *
 * [encode] writes a whole message when it fits and returns true. When it does not, the encoder keeps its place
 * (it [hasPending] work) and each [resume] writes what fits next, so a message of any size goes out through a
 * buffer of fixed size. A frame header is never split across buffers.
 *
 * With a mechanism's [codec] (CURVE), every frame, commands included, is wrapped by it and written as one frame
 * without flags, straight into the buffer when it fits; a wrapped frame larger than an empty buffer is wrapped into
 * an array of its own first ([spill]) and streamed from there. The wrapped frame carries no COMMAND (nor MORE) flag
 * on the wire, as libzmq 4.3 writes CURVE's MESSAGE: libzmq keeps a received frame's wire COMMAND flag after
 * unwrapping it, so a MESSAGE sent with that flag would reach its socket as a command and be dropped unread.
 */
internal class FrameEncoder(private val codec: FrameCodec? = null) {
    private var parts: Array<Frame>? = null
    private var commandFlag = 0
    private var partIndex = 0

    /** Bytes of the current frame's body already written; -1 while its header is not yet written. */
    private var bodyWritten = -1

    /** A wrapped frame (header and body) too large for one buffer, being streamed; null otherwise. */
    private var spill: ByteBuffer? = null

    /** True while a message is partly written. */
    val hasPending: Boolean get() = parts != null

    /** Encodes [message]; true when it is entirely in [buffer], false when [resume] must continue it. */
    fun encode(message: Message, buffer: ByteBuffer): Boolean = begin(message.parts, 0, buffer)

    /** Encodes a command frame with [body] (see [Command.encode]); same contract as [encode]. */
    fun encodeCommand(body: ByteArray, buffer: ByteBuffer): Boolean =
        begin(arrayOf(Frame.of(body)), FrameFlags.COMMAND, buffer)

    /** Continues a partly written message; true once it is complete. */
    fun resume(buffer: ByteBuffer): Boolean {
        val current = parts ?: return true
        if (codec != null) return resumeWrapped(current, codec, buffer)
        while (partIndex < current.size) {
            val frame = current[partIndex]
            if (bodyWritten < 0) {
                if (buffer.remaining() < headerSize(frame.size)) return false
                writeHeader(frame.size, flagsFor(current, partIndex), buffer)
                bodyWritten = 0
            }
            val left = frame.size - bodyWritten
            val n = minOf(left, buffer.remaining())
            if (n > 0) {
                frame.copyTo(buffer, bodyWritten, n)
                bodyWritten += n
            }
            if (bodyWritten < frame.size) return false
            partIndex++
            bodyWritten = -1
        }
        parts = null
        return true
    }

    private fun begin(frames: Array<Frame>, command: Int, buffer: ByteBuffer): Boolean {
        check(parts == null) { "previous message not finished" }
        // Fast path: a single short frame that fits entirely.
        if (frames.size == 1 && codec == null) {
            val frame = frames[0]
            val size = frame.size
            if (size <= FrameFlags.SHORT_MAX && buffer.remaining() >= size + FrameFlags.SHORT_HEADER) {
                buffer.put(command.toByte())
                buffer.put(size.toByte())
                frame.copyTo(buffer, 0, size)
                return true
            }
        }
        parts = frames
        commandFlag = command
        partIndex = 0
        bodyWritten = -1
        return resume(buffer)
    }

    /** [resume] with a codec: each frame wrapped whole into [buffer], or through [spill] when it cannot fit. */
    private fun resumeWrapped(current: Array<Frame>, codec: FrameCodec, buffer: ByteBuffer): Boolean {
        while (partIndex < current.size) {
            val pending = spill
            if (pending != null) {
                val n = minOf(pending.remaining(), buffer.remaining())
                buffer.put(buffer.position(), pending, pending.position(), n)
                buffer.position(buffer.position() + n)
                pending.position(pending.position() + n)
                if (pending.hasRemaining()) return false
                spill = null
                partIndex++
                continue
            }
            val frame = current[partIndex]
            val size = frame.size + codec.overhead
            val flags = (if (commandFlag != 0) FrameCodec.COMMAND else 0) or
                (if (partIndex < current.size - 1) FrameCodec.MORE else 0)
            val needed = headerSize(size) + size
            if (buffer.remaining() >= needed) {
                writeHeader(size, WRAPPED_FLAGS, buffer)
                frame.wrapInto(codec, flags, buffer)
                partIndex++
                continue
            }
            if (buffer.position() > 0) return false // try again in an empty buffer
            val whole = ByteBuffer.allocate(needed)
            writeHeader(size, WRAPPED_FLAGS, whole)
            frame.wrapInto(codec, flags, whole)
            whole.flip()
            spill = whole
        }
        parts = null
        return true
    }

    private fun flagsFor(frames: Array<Frame>, index: Int): Int =
        commandFlag or (if (index < frames.size - 1) FrameFlags.MORE else 0)

    private fun headerSize(size: Int): Int =
        if (size <= FrameFlags.SHORT_MAX) FrameFlags.SHORT_HEADER else FrameFlags.LONG_HEADER

    private fun writeHeader(size: Int, flags: Int, buffer: ByteBuffer) {
        if (size <= FrameFlags.SHORT_MAX) {
            buffer.put(flags.toByte())
            buffer.put(size.toByte())
        } else {
            buffer.put((flags or FrameFlags.LONG).toByte())
            buffer.putLong(size.toLong())
        }
    }

    private companion object {
        /** Wire flags of a wrapped frame: none (see the class comment). */
        const val WRAPPED_FLAGS = 0
    }
}
