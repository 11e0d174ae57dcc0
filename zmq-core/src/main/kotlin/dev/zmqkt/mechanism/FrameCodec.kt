package dev.zmqkt.mechanism

import java.nio.ByteBuffer

/**
 * How a mechanism carries message frames after its handshake, when it wraps them (CURVE: each frame becomes a
 * MESSAGE command holding a nonce and a box of the flags byte and the payload). NULL and PLAIN have none, and
 * then frames cost nothing extra.
 *
 * Every frame of every message, and every command zmq-kt sends after the handshake (PING, PONG, SUBSCRIBE,
 * CANCEL), goes through [wrap] with its logical flags ([MORE], [COMMAND]) and leaves as one ZMTP frame of
 * `length + overhead` bytes. Every frame received goes through [unwrap] before multipart messages are assembled;
 * the flags it reports decide whether the frame continues a message ([MORE]) or is a command ([COMMAND]).
 *
 * ### Performance
 * zmq-kt encodes as many frames as fit into one pooled buffer per system call and decodes every frame of one read
 * in one pass, so a codec sees frames back to back: keep per-frame allocation out of [wrap] and [unwrap]
 * (reuse scratch arrays; [unwrap] may work in place in the array it is given).
 *
 * ### Concurrency
 * [wrap] is called for one frame at a time, in wire order, but from more than one thread over the connection's
 * life (the writer coroutine, or a sender that found the queue full), each call after the previous one returned.
 * [unwrap] is called from the connection's reader, one frame at a time, concurrently with [wrap]: keep sending and
 * receiving state apart (two nonces, two scratch buffers).
 */
@ZmqMechanismApi
public interface FrameCodec {
    /** The bytes a wrapped frame adds to its payload: the wrapped frame's body is `length + overhead` bytes. */
    public val overhead: Int

    /**
     * Wraps one outgoing frame: [length] bytes of [payload] from [offset] (do not change them), with the logical
     * [flags] ([MORE], [COMMAND]). Writes exactly `length + overhead` bytes into [out] at its position (advancing
     * it): the body of the wrapped frame (for CURVE: `\u0007MESSAGE`, the nonce, the box). zmq-kt writes the frame
     * header and guarantees the room.
     */
    public fun wrap(payload: ByteArray, offset: Int, length: Int, flags: Int, out: ByteBuffer)

    /**
     * Unwraps one received frame: its ZMTP [wireFlags] and its body, the first [length] bytes of [body]. The
     * array is the codec's to keep or change (decrypt in place and point [result] into it). Sets [result] to the
     * payload and its logical flags.
     *
     * @throws MechanismException when the frame is not a valid wrapped frame (for CURVE: not a MESSAGE command
     *   ([MechanismException.UNEXPECTED_COMMAND]), too short ([MechanismException.MALFORMED_COMMAND_MESSAGE]), a
     *   nonce not above the last one or a box that does not open ([MechanismException.CRYPTOGRAPHIC])). The
     *   connection is dropped and the monitor event raised, as libzmq does.
     */
    public fun unwrap(wireFlags: Int, body: ByteArray, length: Int, result: UnwrappedFrame)

    public companion object {
        /** Logical flag: more frames of the same message follow. */
        public const val MORE: Int = 0x01

        /** Logical flag: the frame is a ZMTP command (its payload is the command's body: name length, name, data). */
        public const val COMMAND: Int = 0x04
    }
}

/** Where [FrameCodec.unwrap] puts a received frame's payload: [length] bytes of [bytes] from [offset], and its flags. */
@ZmqMechanismApi
public class UnwrappedFrame {
    /** The array holding the payload; received frames keep a reference to it, so it must not change afterwards. */
    public var bytes: ByteArray = EMPTY
        private set

    /** Where the payload starts in [bytes]. */
    public var offset: Int = 0
        private set

    /** The payload's size. */
    public var length: Int = 0
        private set

    /** The logical flags: [FrameCodec.MORE], [FrameCodec.COMMAND]. */
    public var flags: Int = 0
        private set

    /** Sets all four at once. */
    public fun set(bytes: ByteArray, offset: Int, length: Int, flags: Int) {
        if (offset < 0 || length < 0 || offset + length > bytes.size) {
            throw IndexOutOfBoundsException("offset $offset, length $length, array size ${bytes.size}")
        }
        this.bytes = bytes
        this.offset = offset
        this.length = length
        this.flags = flags
    }

    private companion object {
        val EMPTY = ByteArray(0)
    }
}
