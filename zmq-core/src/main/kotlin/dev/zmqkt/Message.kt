package dev.zmqkt

import java.nio.charset.Charset

/**
 * A ZeroMQ message: one or more [Frame]s that travel together. A message is delivered whole or not at all.
 *
 * Messages are immutable. Frames are not copied when a message is built from them.
 *
 * ```kotlin
 * val request = Message.of("GET", "/index")
 * request.size          // 2 frames
 * request[0].decodeToString()  // "GET"
 * ```
 *
 * From Java: `Message.of("GET", "/index")`, `message.get(0)`, `message.getFrames()`.
 */
public class Message private constructor(
    /** The frames, not copied; internal code reads them directly (hidden from Java: the array is mutable). */
    @get:JvmSynthetic internal val parts: Array<Frame>,
    /**
     * The properties of the connection this message came from (`User-Id`, `Peer-Address`, `Socket-Type`, the
     * peer's own properties...), as libzmq's `zmq_msg_gets` reads them: see [Metadata]. One object shared by every
     * message of the connection. [Metadata.EMPTY] for messages made here or received over inproc. Messages made
     * from this one with [prepend], [append] or [drop] keep it.
     */
    public val metadata: Metadata,
) : Iterable<Frame> {

    private constructor(parts: Array<Frame>) : this(parts, Metadata.EMPTY)

    /** A message made of [frames], in order. At least one frame is required. */
    public constructor(frames: List<Frame>) : this(frames.toTypedArray())

    init {
        require(parts.isNotEmpty()) { "a message has at least one frame" }
    }

    /** The number of frames. */
    @get:JvmName("size")
    public val size: Int get() = parts.size

    /** The frames, in order. */
    public val frames: List<Frame> get() = parts.asList()

    /** The frame at [index]. */
    public operator fun get(index: Int): Frame = parts[index]

    /** The first frame. */
    public fun first(): Frame = parts[0]

    /** The last frame. */
    public fun last(): Frame = parts[parts.size - 1]

    /** The total number of bytes over all frames. */
    public fun byteCount(): Long {
        var total = 0L
        for (p in parts) total += p.size
        return total
    }

    /** Each frame decoded as text in [charset] (UTF-8 unless given). */
    @JvmOverloads
    public fun toStrings(charset: Charset = Charsets.UTF_8): List<String> = parts.map { it.decodeToString(charset) }

    /**
     * The connection property [name] (libzmq's `zmq_msg_gets`, pyzmq's `Frame.get`): `"User-Id"`,
     * `"Peer-Address"`, `"Socket-Type"`, `"Routing-Id"`, or one the peer announced; null when absent.
     */
    public fun property(name: String): String? = metadata[name]

    /** A message with [frame] added before the existing frames. */
    public fun prepend(frame: Frame): Message = Message(arrayOf(frame) + parts, metadata)

    /** A message with [frame] added after the existing frames. */
    public fun append(frame: Frame): Message = Message(parts + frame, metadata)

    /** A message without the first [count] frames; at least one frame must remain. */
    public fun drop(count: Int): Message = Message(parts.copyOfRange(count, parts.size), metadata)

    override fun iterator(): Iterator<Frame> = parts.iterator()

    /** Messages are equal when they have equal frames in the same order. */
    override fun equals(other: Any?): Boolean = other is Message && parts.contentEquals(other.parts)

    override fun hashCode(): Int = parts.contentHashCode()

    override fun toString(): String = parts.joinToString(prefix = "Message(", postfix = ")")

    public companion object {
        /** A message of one frame per argument. */
        @JvmStatic
        public fun of(vararg frames: Frame): Message = Message(arrayOf(*frames))

        /** A message of one frame per byte array, without copying them. */
        @JvmStatic
        public fun of(vararg parts: ByteArray): Message = Message(Array(parts.size) { Frame.of(parts[it]) })

        /** A message of one UTF-8 text frame per string. */
        @JvmStatic
        public fun of(vararg parts: String): Message = Message(Array(parts.size) { Frame.of(parts[it]) })

        /** A message of one text frame per string, encoded in [charset]. */
        @JvmStatic
        public fun of(charset: Charset, vararg parts: String): Message =
            Message(Array(parts.size) { Frame.of(parts[it], charset) })

        /** A message with a single frame. */
        @JvmSynthetic
        internal fun single(frame: Frame, metadata: Metadata = Metadata.EMPTY): Message = Message(arrayOf(frame), metadata)

        /** A message over [frames] without copying them: the caller must not change the array afterwards. */
        @JvmSynthetic
        internal fun wrap(frames: Array<Frame>, metadata: Metadata = Metadata.EMPTY): Message = Message(frames, metadata)
    }
}
