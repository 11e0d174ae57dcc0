package dev.zmqkt

import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.ZmqMechanismApi
import java.nio.ByteBuffer
import java.nio.charset.Charset

/**
 * One frame of a [Message]: an immutable run of bytes.
 *
 * A frame does not copy what it is made from: [Frame.of] with a byte array or a [ByteBuffer] keeps a reference,
 * so the caller must not modify the array or buffer afterwards. Every received frame owns a byte array of
 * exactly its size, which [bytes] returns without copying.
 *
 * ```kotlin
 * val frame = Frame.of("hello")
 * frame.size                   // 5
 * frame.decodeToString()       // "hello"
 * ```
 */
public class Frame private constructor(
    private val array: ByteArray?,
    private val offset: Int,
    /** The number of bytes in this frame. */
    @get:JvmName("size") public val size: Int,
    private val buffer: ByteBuffer?,
) {
    /** True when the frame holds no bytes (the empty delimiter of REQ/REP envelopes, for example). */
    public val isEmpty: Boolean get() = size == 0

    /**
     * The frame's bytes. Without a copy when the frame covers a whole byte array (every received frame does);
     * otherwise a new array. Do not modify the result: it may be the frame's own array, shared by every message
     * holding this frame. [copyBytes] is the safe form.
     */
    @DelicateZmqApi
    public fun bytes(): ByteArray {
        if (array != null && offset == 0 && size == array.size) return array
        return copyBytes()
    }

    /** A new array holding a copy of the frame's bytes, free to modify. */
    public fun copyBytes(): ByteArray {
        if (array != null) return array.copyOfRange(offset, offset + size)
        val out = ByteArray(size)
        buffer!!.get(buffer.position(), out)
        return out
    }

    /** A read-only view of the frame's bytes, without a copy. */
    public fun asByteBuffer(): ByteBuffer =
        if (array != null) ByteBuffer.wrap(array, offset, size).slice().asReadOnlyBuffer()
        else buffer!!.slice().asReadOnlyBuffer()

    /** The byte at [index]. */
    public operator fun get(index: Int): Byte {
        if (index < 0 || index >= size) throw IndexOutOfBoundsException("index $index, size $size")
        return if (array != null) array[offset + index] else buffer!!.get(buffer.position() + index)
    }

    /** Decodes the frame's bytes as text in [charset] (UTF-8 unless given). */
    @JvmOverloads
    public fun decodeToString(charset: Charset = Charsets.UTF_8): String =
        if (array != null) String(array, offset, size, charset) else charset.decode(buffer!!.slice()).toString()

    /** Copies the frame's bytes into [target] at its position, advancing it. */
    @JvmSynthetic
    internal fun copyTo(target: ByteBuffer, from: Int, length: Int) {
        if (array != null) target.put(array, offset + from, length)
        else {
            target.put(target.position(), buffer!!, buffer.position() + from, length)
            target.position(target.position() + length)
        }
    }

    /** Has [codec] wrap this frame's bytes into [target] (an array-backed frame is passed without a copy). */
    @JvmSynthetic
    @OptIn(ZmqMechanismApi::class)
    internal fun wrapInto(codec: FrameCodec, flags: Int, target: ByteBuffer) {
        if (array != null) codec.wrap(array, offset, size, flags, target)
        else codec.wrap(copyBytes(), 0, size, flags, target)
    }

    /** Frames are equal when their bytes are equal. */
    override fun equals(other: Any?): Boolean {
        if (this === other) return true
        if (other !is Frame || other.size != size) return false
        for (i in 0 until size) if (this[i] != other[i]) return false
        return true
    }

    override fun hashCode(): Int {
        var h = 1
        for (i in 0 until size) h = 31 * h + this[i]
        return h
    }

    /** A short printable form: the text when the bytes are printable ASCII, otherwise hex, cut after 64 bytes. */
    override fun toString(): String {
        val shown = minOf(size, 64)
        var printable = true
        for (i in 0 until shown) {
            val b = this[i].toInt()
            if (b < 0x20 || b > 0x7e) { printable = false; break }
        }
        val body = buildString {
            for (i in 0 until shown) {
                if (printable) append(this@Frame[i].toInt().toChar())
                else append(HEX[(this@Frame[i].toInt() shr 4) and 0xf]).append(HEX[this@Frame[i].toInt() and 0xf])
            }
            if (shown < size) append("...")
        }
        return "Frame[$size]($body)"
    }

    public companion object {
        private const val HEX = "0123456789abcdef"

        /** The frame with no bytes. */
        @JvmField
        public val EMPTY: Frame = Frame(ByteArray(0), 0, 0, null)

        /** A frame over the whole of [bytes], without copying them. */
        @JvmStatic
        public fun of(bytes: ByteArray): Frame = Frame(bytes, 0, bytes.size, null)

        /** A frame over [length] bytes of [bytes] from [offset], without copying them. */
        @JvmStatic
        public fun of(bytes: ByteArray, offset: Int, length: Int): Frame {
            if (offset < 0 || length < 0 || offset + length > bytes.size) {
                throw IndexOutOfBoundsException("offset $offset, length $length, array size ${bytes.size}")
            }
            return Frame(bytes, offset, length, null)
        }

        /**
         * A frame over the remaining bytes of [buffer] (from its position to its limit), without copying them.
         * The buffer's position and limit are captured now; later changes to them do not affect the frame.
         */
        @JvmStatic
        public fun of(buffer: ByteBuffer): Frame {
            if (buffer.hasArray() && !buffer.isReadOnly) {
                return Frame(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining(), null)
            }
            return Frame(null, 0, buffer.remaining(), buffer.slice())
        }

        /** A frame holding [text] encoded in [charset] (UTF-8 unless given). */
        @JvmStatic
        @JvmOverloads
        public fun of(text: String, charset: Charset = Charsets.UTF_8): Frame = of(text.toByteArray(charset))
    }
}
