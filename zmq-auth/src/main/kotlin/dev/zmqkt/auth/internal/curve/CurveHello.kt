package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.bigEndianLong
import dev.zmqkt.auth.internal.crypto.putBigEndianLong

/**
 * HELLO (RFC 26), client to server, 194 data bytes (200 with the name, as libzmq counts): version 1.0, 72 zero
 * bytes of anti-amplification padding, the client's short-term public key C', the short nonce, and the signature
 * box of 64 zero bytes from C' to the server's long-term key S.
 */
internal object CurveHello {
    const val SIZE: Int = 194
    private const val VERSION = 0
    private const val CLIENT_SHORT_KEY = 74
    private const val NONCE = 106
    private const val BOX = 114

    /** The client's HELLO. */
    fun produce(serverKey: ByteArray, clientShortPublic: ByteArray, clientShortSecret: ByteArray, shortNonce: Long): CurveCommand {
        val data = ByteArray(SIZE)
        data[VERSION] = 1
        data[VERSION + 1] = 0
        clientShortPublic.copyInto(data, CLIENT_SHORT_KEY)
        putBigEndianLong(data, NONCE, shortNonce)
        val box = CurveBoxes.between(serverKey, clientShortSecret, "HELLO")
        box.seal(CurveNonces.counted(CurveNonces.HELLO, shortNonce), ByteArray(64), 0, 64, data, BOX)
        return CurveCommand(CurveCommand.HELLO, data)
    }

    /** What the server learns from a HELLO. */
    class Opened(val clientShortPublic: ByteArray, val shortNonce: Long)

    /**
     * The server's check of HELLO [data]: size, version, and the signature box under its [serverSecret].
     * Fails with MALFORMED_COMMAND_HELLO or CRYPTOGRAPHIC, as libzmq's `curve_server_t::process_hello`.
     */
    fun open(data: ByteArray, serverSecret: ByteArray): Opened {
        if (data.size != SIZE) {
            throw CurveProtocolException(CurveErrorCodes.MALFORMED_COMMAND_HELLO, "HELLO of ${data.size + 6} bytes, not 200")
        }
        if (data[VERSION].toInt() != 1 || data[VERSION + 1].toInt() != 0) {
            throw CurveProtocolException(
                CurveErrorCodes.MALFORMED_COMMAND_HELLO,
                "HELLO of CurveZMQ version ${data[VERSION]}.${data[VERSION + 1]}, not 1.0",
            )
        }
        val clientShortPublic = data.copyOfRange(CLIENT_SHORT_KEY, CLIENT_SHORT_KEY + 32)
        val nonce = CurveNonces.counted(CurveNonces.HELLO, data, NONCE)
        CurveBoxes.open(CurveBoxes.between(clientShortPublic, serverSecret, "HELLO"), nonce, data, BOX, 80, "HELLO")
        return Opened(clientShortPublic, bigEndianLong(data, NONCE))
    }
}
