package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305
import dev.zmqkt.auth.internal.crypto.bigEndianLong
import dev.zmqkt.auth.internal.crypto.constantTimeEquals
import dev.zmqkt.auth.internal.crypto.putBigEndianLong

/**
 * INITIATE (RFC 26), client to server, at least 248 data bytes (257 with the name): the cookie from WELCOME, the
 * short nonce, and a box from C' to S' holding the client's long-term public key C, the vouch (a 16-byte nonce and
 * an 80-byte box from C to S' of C' and S, proving C owns C'), then the client's metadata.
 */
internal object CurveInitiate {
    const val MIN_SIZE: Int = 248
    private const val NONCE = CurveCookie.SIZE
    private const val BOX = NONCE + 8

    /** The client's INITIATE; [session] is the box between C' and S'. */
    fun produce(
        cookie: ByteArray,
        shortNonce: Long,
        session: XSalsa20Poly1305,
        clientPublic: ByteArray,
        clientSecret: ByteArray,
        clientShortPublic: ByteArray,
        serverShortPublic: ByteArray,
        serverKey: ByteArray,
        metadata: ByteArray,
    ): CurveCommand {
        val vouchNonce = CurveNonces.random(CurveNonces.VOUCH)
        val vouch = CurveBoxes.between(serverShortPublic, clientSecret, "INITIATE vouch")
            .seal(vouchNonce, clientShortPublic + serverKey)
        val plaintext = ByteArray(128 + metadata.size)
        clientPublic.copyInto(plaintext, 0)
        vouchNonce.copyInto(plaintext, 32, 8, 24)
        vouch.copyInto(plaintext, 48)
        metadata.copyInto(plaintext, 128)
        val data = ByteArray(BOX + 16 + plaintext.size)
        cookie.copyInto(data, 0)
        putBigEndianLong(data, NONCE, shortNonce)
        session.seal(CurveNonces.counted(CurveNonces.INITIATE, shortNonce), plaintext, 0, plaintext.size, data, BOX)
        return CurveCommand(CurveCommand.INITIATE, data)
    }

    /** What the server learns from an INITIATE: the client's long-term key and the metadata plaintext. */
    class Opened(val clientPublic: ByteArray, val shortNonce: Long, val metadata: ByteArray)

    /**
     * The server's check of INITIATE [data], in libzmq's order: size (MALFORMED_COMMAND_INITIATE), cookie
     * (CRYPTOGRAPHIC), the short nonce above HELLO's (INVALID_SEQUENCE), the box (CRYPTOGRAPHIC), the vouch
     * (CRYPTOGRAPHIC when it does not open, KEY_EXCHANGE when it vouches for other keys).
     */
    fun open(
        data: ByteArray,
        cookieKey: ByteArray,
        clientShortPublic: ByteArray,
        serverShortSecret: ByteArray,
        serverPublic: ByteArray,
        session: XSalsa20Poly1305,
        helloNonce: Long,
    ): Opened {
        if (data.size < MIN_SIZE) {
            throw CurveProtocolException(
                CurveErrorCodes.MALFORMED_COMMAND_INITIATE, "INITIATE of ${data.size + 9} bytes, less than 257",
            )
        }
        CurveCookie.check(data, 0, cookieKey, clientShortPublic, serverShortSecret)
        val shortNonce = bigEndianLong(data, NONCE)
        if (java.lang.Long.compareUnsigned(shortNonce, helloNonce) <= 0) {
            throw CurveProtocolException(CurveErrorCodes.INVALID_SEQUENCE, "INITIATE nonce $shortNonce is not above HELLO's")
        }
        val nonce = CurveNonces.counted(CurveNonces.INITIATE, data, NONCE)
        val plaintext = CurveBoxes.open(session, nonce, data, BOX, data.size - BOX, "INITIATE")
        val clientPublic = plaintext.copyOfRange(0, 32)
        val vouchNonce = CurveNonces.long(CurveNonces.VOUCH, plaintext, 32)
        val vouch = CurveBoxes.open(
            CurveBoxes.between(clientPublic, serverShortSecret, "INITIATE vouch"), vouchNonce, plaintext, 48, 80, "INITIATE vouch",
        )
        if (!constantTimeEquals(32, vouch, 0, clientShortPublic, 0) || !constantTimeEquals(32, vouch, 32, serverPublic, 0)) {
            throw CurveProtocolException(CurveErrorCodes.KEY_EXCHANGE, "INITIATE vouch is for other keys")
        }
        return Opened(clientPublic, shortNonce, plaintext.copyOfRange(128, plaintext.size))
    }
}
