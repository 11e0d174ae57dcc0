package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305
import dev.zmqkt.auth.internal.crypto.bigEndianLong
import dev.zmqkt.auth.internal.crypto.putBigEndianLong

/**
 * READY (RFC 26), server to client, at least 24 data bytes (30 with the name): the short nonce and a box from S' to
 * C' of the server's metadata.
 */
internal object CurveReady {
    const val MIN_SIZE: Int = 24

    /** The server's READY; [session] is the box between S' and C'. */
    fun produce(session: XSalsa20Poly1305, shortNonce: Long, metadata: ByteArray): CurveCommand {
        val data = ByteArray(8 + 16 + metadata.size)
        putBigEndianLong(data, 0, shortNonce)
        session.seal(CurveNonces.counted(CurveNonces.READY, shortNonce), metadata, 0, metadata.size, data, 8)
        return CurveCommand(CurveCommand.READY, data)
    }

    /** What the client learns from a READY. */
    class Opened(val shortNonce: Long, val metadata: ByteArray)

    /** The client's check of READY [data]: MALFORMED_COMMAND_READY when too short, CRYPTOGRAPHIC when the box fails. */
    fun open(data: ByteArray, session: XSalsa20Poly1305): Opened {
        if (data.size < MIN_SIZE) {
            throw CurveProtocolException(CurveErrorCodes.MALFORMED_COMMAND_READY, "READY of ${data.size + 6} bytes, less than 30")
        }
        val nonce = CurveNonces.counted(CurveNonces.READY, data, 0)
        val metadata = CurveBoxes.open(session, nonce, data, 8, data.size - 8, "READY")
        return Opened(bigEndianLong(data, 0), metadata)
    }
}
