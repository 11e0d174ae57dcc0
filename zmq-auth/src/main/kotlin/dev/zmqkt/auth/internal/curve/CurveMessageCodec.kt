package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.HSalsa20
import dev.zmqkt.auth.internal.crypto.Salsa20Poly1305
import dev.zmqkt.auth.internal.crypto.bigEndianLong
import dev.zmqkt.auth.internal.crypto.littleEndianInt
import dev.zmqkt.auth.internal.crypto.putBigEndianLong
import java.nio.ByteBuffer

/**
 * CurveZMQ's MESSAGE command (RFC 26, libzmq's `curve_encoding_t`): after the handshake every frame, data or
 * command, travels as `\u0007MESSAGE`, an 8-byte big-endian short nonce, and a box of a flags byte ([MORE],
 * [COMMAND]) followed by the frame's payload: [OVERHEAD] bytes more than the payload.
 *
 * ### Implementation notes
 * The box key is the connection's precomputed C'/S' key (crypto_box_beforenm, computed once per connection).
 * Every nonce of one direction starts with the same 16 bytes (`CurveZMQMESSAGEC` from the client,
 * `CurveZMQMESSAGES` from the server), and XSalsa20 derives its subkey from exactly those 16 bytes, so each
 * direction's subkey is derived once here and each frame costs only Salsa20 and Poly1305 over its own bytes.
 * Frames are encrypted straight into the output array and decrypted in place; no per-frame allocation beyond
 * Bouncy Castle's Poly1305 key parameter.
 *
 * ### Concurrency
 * [wrap] and [unwrap] share no state: one sender and one receiver may call them at the same time, each calling its
 * own one sequentially.
 */
internal class CurveMessageCodec(
    sessionKey: ByteArray,
    asServer: Boolean,
    firstNonce: Long,
    lastPeerNonce: Long,
) {
    private val sender = Salsa20Poly1305()
    private val receiver = Salsa20Poly1305()
    private var nextNonce = firstNonce
    private var peerNonce = lastPeerNonce
    private var scratch = ByteArray(0)

    init {
        val subkey = ByteArray(32)
        val sendPrefix = if (asServer) CurveNonces.MESSAGE_FROM_SERVER else CurveNonces.MESSAGE_FROM_CLIENT
        val receivePrefix = if (asServer) CurveNonces.MESSAGE_FROM_CLIENT else CurveNonces.MESSAGE_FROM_SERVER
        HSalsa20.derive(sessionKey, 0, sendPrefix, 0, subkey, 0)
        sender.setSubkey(subkey, 0)
        HSalsa20.derive(sessionKey, 0, receivePrefix, 0, subkey, 0)
        receiver.setSubkey(subkey, 0)
        subkey.fill(0)
    }

    /**
     * Writes the MESSAGE body of [length] bytes of [payload] at [offset] with box [flags] into [out] at
     * [outOffset]: `length + OVERHEAD` bytes. [out] may be [payload] only if the regions do not overlap.
     */
    fun wrap(payload: ByteArray, offset: Int, length: Int, flags: Int, out: ByteArray, outOffset: Int) {
        val nonce = nextNonce++
        for (i in 0 until 8) out[outOffset + i] = NAME[i]
        putBigEndianLong(out, outOffset + 8, nonce)
        out[outOffset + PLAINTEXT] = (flags and FLAG_MASK).toByte()
        System.arraycopy(payload, offset, out, outOffset + PLAINTEXT + 1, length)
        sender.seal(
            Integer.reverseBytes((nonce ushr 32).toInt()), Integer.reverseBytes(nonce.toInt()),
            out, outOffset + PLAINTEXT, length + 1, out, outOffset + TAG,
        )
    }

    /** As the array form, into [out] at its position (advanced by `length + OVERHEAD`), heap or direct. */
    fun wrap(payload: ByteArray, offset: Int, length: Int, flags: Int, out: ByteBuffer) {
        val size = length + OVERHEAD
        if (out.remaining() < size) throw java.nio.BufferOverflowException()
        if (out.hasArray()) {
            wrap(payload, offset, length, flags, out.array(), out.arrayOffset() + out.position())
            out.position(out.position() + size)
        } else {
            if (scratch.size < size) scratch = ByteArray(maxOf(size, scratch.size * 2))
            wrap(payload, offset, length, flags, scratch, 0)
            out.put(scratch, 0, size)
        }
    }

    /**
     * Checks and decrypts, in place, the MESSAGE body in the first [length] bytes of [body]; returns the box flags
     * ([MORE], [COMMAND]); the payload is then `body[PAYLOAD until length]`. Fails as libzmq does:
     * MALFORMED_COMMAND_UNSPECIFIED (not a command body), UNEXPECTED_COMMAND (another command), MALFORMED_COMMAND_MESSAGE
     * (too short), INVALID_SEQUENCE (a nonce not above the last one: a replay), CRYPTOGRAPHIC (a box that does not
     * open). The nonce is remembered only once the box opened, so a forged frame cannot move it.
     */
    fun unwrap(body: ByteArray, length: Int): Int {
        if (length <= 1 || length <= (body[0].toInt() and 0xFF)) {
            throw CurveProtocolException(CurveErrorCodes.MALFORMED_COMMAND_UNSPECIFIED, "frame is not a command")
        }
        if (length < NAME.size || !startsWithName(body)) {
            throw CurveProtocolException(CurveErrorCodes.UNEXPECTED_COMMAND, "a CURVE connection carries MESSAGE commands only")
        }
        if (length < OVERHEAD) {
            throw CurveProtocolException(CurveErrorCodes.MALFORMED_COMMAND_MESSAGE, "MESSAGE of $length bytes, less than $OVERHEAD")
        }
        val nonce = bigEndianLong(body, NONCE)
        if (java.lang.Long.compareUnsigned(nonce, peerNonce) <= 0) {
            throw CurveProtocolException(CurveErrorCodes.INVALID_SEQUENCE, "MESSAGE nonce $nonce is not above the last, $peerNonce")
        }
        val opened = receiver.open(
            littleEndianInt(body, NONCE), littleEndianInt(body, NONCE + 4),
            body, TAG, length - TAG, body, PLAINTEXT,
        )
        if (!opened) throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "MESSAGE box does not open")
        peerNonce = nonce
        return body[PLAINTEXT].toInt() and FLAG_MASK
    }

    private fun startsWithName(body: ByteArray): Boolean {
        for (i in NAME.indices) if (body[i] != NAME[i]) return false
        return true
    }

    companion object {
        /** Box flag: more frames of the message follow. */
        const val MORE: Int = 0x01

        /** Box flag: the frame is a ZMTP command (libzmq's `msg_t::command`). */
        const val COMMAND: Int = 0x02

        private const val FLAG_MASK = MORE or COMMAND
        private val NAME = byteArrayOf(7) + "MESSAGE".toByteArray(Charsets.US_ASCII)
        private const val NONCE = 8
        private const val TAG = 16
        private const val PLAINTEXT = 32

        /** Where the payload starts in an unwrapped body. */
        const val PAYLOAD: Int = 33

        /** How many bytes a MESSAGE body adds to its payload: name, nonce, tag, flags. */
        const val OVERHEAD: Int = 33
    }
}
