package dev.zmqkt.internal.codec

import dev.zmqkt.Frame
import dev.zmqkt.Message
import java.nio.ByteBuffer

/**
 * Writes [Message]s and commands as ZMTP 3 frames into a buffer. Pure: no I/O.
 *
 * [encode] writes a whole message when it fits and returns true. When it does not, the encoder keeps its place
 * (it [hasPending] work) and each [resume] writes what fits next, so a message of any size goes out through a
 * buffer of fixed size. A frame header is never split across buffers.
 */
internal class FrameEncoder {
    private var parts: Array<Frame>? = null
    private var commandFlag = 0
    private var partIndex = 0

    /** Bytes of the current frame's body already written; -1 while its header is not yet written. */
    private var bodyWritten = -1

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
        if (frames.size == 1) {
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
}
