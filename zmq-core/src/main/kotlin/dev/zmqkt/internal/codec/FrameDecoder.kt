@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.codec

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.Metadata
import dev.zmqkt.ProtocolError
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.UnwrappedFrame
import dev.zmqkt.mechanism.ZmqMechanismApi
import java.nio.ByteBuffer

/**
 * Turns ZMTP 3 frames into [Message]s and [Command]s, from bytes that arrive in pieces of any size. Pure: no I/O.
 *
 * Call [decode] with the received bytes; it consumes what it can and returns [MESSAGE] (read [message]),
 * [COMMAND] (read [command]) or [NEED_INPUT] once every byte in the buffer is used. Frames of one message are
 * gathered until the last one, so a message is produced whole or not at all.
 *
 * Limits are checked from the frame header, before anything is allocated: a message frame longer than
 * [maxMessageSize] bytes (per frame, as libzmq's ZMQ_MAXMSGSIZE), or a command longer than [maxCommandSize],
 * raises [ZmtpProtocolException]. Bodies
 * over [GROWTH_THRESHOLD] bytes grow with the bytes that actually arrive, so a header that announces a huge
 * frame costs nothing until the peer really sends it.
 *
 * With a mechanism's [codec] (CURVE, after the handshake), every frame is unwrapped by it before anything else;
 * the flags it reports decide multipart assembly and commands, and the size limit applies to the payload.
 */
internal class FrameDecoder(
    /** Largest message frame accepted; negative for no limit. */
    private val maxMessageSize: Long,
    /** Largest command body accepted. */
    var maxCommandSize: Int,
) {
    /** The message completed by the last [decode] that returned [MESSAGE]. */
    var message: Message? = null
        private set

    /** The properties of the connection, attached to every message decoded (shared, not copied). */
    var metadata: Metadata = Metadata.EMPTY

    /** The mechanism's frame codec, set when the handshake ends; null when frames travel as they are. */
    var codec: FrameCodec? = null

    private val unwrapped = UnwrappedFrame()

    /** The command completed by the last [decode] that returned [COMMAND]. */
    var command: Command? = null
        private set

    private var state = STATE_FLAGS
    private var flags = 0
    private var sizeBytesLeft = 0
    private var sizeAccumulator = 0L
    private var body: ByteArray = EMPTY
    private var bodySize = 0
    private var bodyFilled = 0
    private var parts: ArrayList<Frame>? = null

    fun decode(buffer: ByteBuffer): Int {
        while (true) {
            when (state) {
                STATE_FLAGS -> {
                    val remaining = buffer.remaining()
                    if (remaining == 0) return NEED_INPUT
                    val position = buffer.position()
                    val f = buffer.get(position).toInt() and 0xFF
                    checkFlags(f)
                    if (f and FrameFlags.LONG == 0 && remaining >= 2) {
                        // Fast path: a short frame whose header is here; often its whole body is too.
                        val size = buffer.get(position + 1).toInt() and 0xFF
                        flags = f
                        buffer.position(position + 2)
                        beginBody(size.toLong())
                        if (size <= remaining - 2) {
                            buffer.get(body, 0, size)
                            bodyFilled = size
                            val result = endFrame()
                            if (result != FRAME_ONLY) return result
                        } else {
                            state = STATE_BODY
                        }
                        continue
                    }
                    buffer.position(position + 1)
                    flags = f
                    if (f and FrameFlags.LONG != 0) {
                        state = STATE_LONG_SIZE
                        sizeBytesLeft = 8
                        sizeAccumulator = 0
                    } else {
                        state = STATE_SHORT_SIZE
                    }
                }
                STATE_SHORT_SIZE -> {
                    if (!buffer.hasRemaining()) return NEED_INPUT
                    beginBody((buffer.get().toInt() and 0xFF).toLong())
                    state = STATE_BODY
                }
                STATE_LONG_SIZE -> {
                    while (sizeBytesLeft > 0) {
                        if (!buffer.hasRemaining()) return NEED_INPUT
                        sizeAccumulator = (sizeAccumulator shl 8) or (buffer.get().toLong() and 0xFF)
                        sizeBytesLeft--
                    }
                    if (sizeAccumulator < 0) throw ZmtpProtocolException("frame size ${sizeAccumulator.toULong()} is out of range")
                    beginBody(sizeAccumulator)
                    state = STATE_BODY
                }
                STATE_BODY -> {
                    val wanted = bodySize - bodyFilled
                    val available = minOf(wanted, buffer.remaining())
                    if (available > 0) {
                        ensureBodyCapacity(bodyFilled + available)
                        buffer.get(body, bodyFilled, available)
                        bodyFilled += available
                    }
                    if (bodyFilled < bodySize) return NEED_INPUT
                    state = STATE_FLAGS
                    val result = endFrame()
                    if (result != FRAME_ONLY) return result
                }
            }
        }
    }

    private fun checkFlags(f: Int) {
        if (f and FrameFlags.RESERVED != 0) {
            throw ZmtpProtocolException("frame flags 0x${f.toString(16)} set reserved bits")
        }
        if (f and FrameFlags.COMMAND != 0) {
            if (f and FrameFlags.MORE != 0) throw ZmtpProtocolException("a command frame has the MORE flag set")
            // with a codec, commands carry message frames (CURVE's MESSAGE): their own flags say where they belong
            if (parts != null && codec == null) {
                throw ZmtpProtocolException("a command frame arrived inside a multipart message")
            }
        }
    }

    private fun beginBody(size: Long) {
        val wrapping = codec
        if (wrapping != null) {
            if (maxMessageSize >= 0 && size - wrapping.overhead > maxMessageSize) {
                throw ZmtpProtocolException("message frame of ${size - wrapping.overhead} bytes exceeds the maximum of $maxMessageSize")
            }
            if (size > MAX_FRAME) throw ZmtpProtocolException("frame of $size bytes is too large for the JVM")
        } else if (flags and FrameFlags.COMMAND != 0) {
            if (size > maxCommandSize) {
                throw ZmtpProtocolException("command of $size bytes exceeds the limit of $maxCommandSize")
            }
        } else {
            if (maxMessageSize >= 0 && size > maxMessageSize) {
                throw ZmtpProtocolException("message frame of $size bytes exceeds the maximum of $maxMessageSize")
            }
            if (size > MAX_FRAME) throw ZmtpProtocolException("frame of $size bytes is too large for the JVM")
        }
        bodySize = size.toInt()
        bodyFilled = 0
        body = when {
            bodySize == 0 -> EMPTY
            bodySize <= GROWTH_THRESHOLD -> ByteArray(bodySize)
            else -> ByteArray(GROWTH_THRESHOLD)
        }
    }

    private fun ensureBodyCapacity(needed: Int) {
        if (needed <= body.size) return
        val grown = maxOf(needed, if (body.size > bodySize / 2) bodySize else body.size * 2)
        body = body.copyOf(minOf(grown, bodySize))
    }

    /** Completes the current frame; returns [MESSAGE] or [COMMAND] when one is ready, [FRAME_ONLY] otherwise. */
    private fun endFrame(): Int {
        state = STATE_FLAGS
        val bytes = body
        body = EMPTY
        codec?.let { return endWrappedFrame(it, bytes) }
        if (flags and FrameFlags.COMMAND != 0) {
            command = Command.decode(bytes)
            return COMMAND
        }
        return endMessageFrame(if (bytes.isEmpty()) Frame.EMPTY else Frame.of(bytes), flags and FrameFlags.MORE != 0)
    }

    /** [endFrame] with a codec: unwraps the frame, then treats its payload by the flags the codec reports. */
    private fun endWrappedFrame(codec: FrameCodec, bytes: ByteArray): Int {
        val result = unwrapped
        try {
            codec.unwrap(flags, bytes, bodySize, result)
        } catch (e: MechanismException) {
            throw ZmtpProtocolException(e.message ?: "the mechanism refused a frame", e.value, reportedAfterHandshake = true)
        }
        val payload = result.bytes
        if (result.flags and FrameCodec.COMMAND != 0) {
            if (parts != null || result.flags and FrameCodec.MORE != 0) {
                throw ZmtpProtocolException("a command inside a multipart message", ProtocolError.ZMTP_UNEXPECTED_COMMAND)
            }
            command = Command.decode(payload.copyOfRange(result.offset, result.offset + result.length))
            return COMMAND
        }
        val frame = when {
            result.length == 0 -> Frame.EMPTY
            result.offset == 0 && result.length == payload.size -> Frame.of(payload)
            else -> Frame.of(payload, result.offset, result.length)
        }
        return endMessageFrame(frame, result.flags and FrameCodec.MORE != 0)
    }

    /** Adds a message frame; returns [MESSAGE] when it was the last of its message, [FRAME_ONLY] otherwise. */
    private fun endMessageFrame(frame: Frame, more: Boolean): Int {
        val gathered = parts
        if (more) {
            (gathered ?: ArrayList<Frame>(4).also { parts = it }).add(frame)
            return FRAME_ONLY
        }
        message = if (gathered == null) {
            Message.single(frame, metadata)
        } else {
            gathered.add(frame)
            parts = null
            Message.wrap(gathered.toTypedArray(), metadata)
        }
        return MESSAGE
    }

    companion object {
        const val NEED_INPUT = 0
        const val MESSAGE = 1
        const val COMMAND = 2

        /** Bodies up to this size are allocated at once; larger ones grow as their bytes arrive. */
        const val GROWTH_THRESHOLD = 1 shl 20

        /** The largest frame a JVM byte array can hold. */
        const val MAX_FRAME = Int.MAX_VALUE - 16

        /** Internal result of [endFrame]: a frame of a multipart message ended, the message goes on. */
        private const val FRAME_ONLY = -1
        private const val STATE_FLAGS = 0
        private const val STATE_SHORT_SIZE = 1
        private const val STATE_LONG_SIZE = 2
        private const val STATE_BODY = 3
        private val EMPTY = ByteArray(0)
    }
}
