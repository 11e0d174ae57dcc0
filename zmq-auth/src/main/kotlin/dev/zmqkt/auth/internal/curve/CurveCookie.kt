package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305
import dev.zmqkt.auth.internal.crypto.constantTimeEquals

/**
 * The server's cookie (RFC 26): the client's short-term public key C' and the server's short-term secret key s',
 * in a secretbox under a cookie key made fresh for the connection; 96 bytes (16-byte nonce, 80-byte box). The
 * client returns it in INITIATE, so the server keeps no state it could not rebuild (and checks it anyway).
 */
internal object CurveCookie {
    const val SIZE: Int = 96

    /** Seals C' and s' under [cookieKey]. */
    fun seal(cookieKey: ByteArray, clientShortPublic: ByteArray, serverShortSecret: ByteArray): ByteArray {
        val nonce = CurveNonces.random(CurveNonces.COOKIE)
        val plaintext = clientShortPublic + serverShortSecret
        val cookie = ByteArray(SIZE)
        nonce.copyInto(cookie, 0, 8, 24)
        XSalsa20Poly1305(cookieKey).seal(nonce, plaintext, 0, 64, cookie, 16)
        plaintext.fill(0)
        return cookie
    }

    /**
     * Checks the cookie at [offset] of [data]: it must open under [cookieKey] and hold exactly C' and s'.
     * Fails with CRYPTOGRAPHIC, as libzmq does for both.
     */
    fun check(data: ByteArray, offset: Int, cookieKey: ByteArray, clientShortPublic: ByteArray, serverShortSecret: ByteArray) {
        val nonce = CurveNonces.long(CurveNonces.COOKIE, data, offset)
        val plaintext = CurveBoxes.open(XSalsa20Poly1305(cookieKey), nonce, data, offset + 16, 80, "INITIATE cookie")
        val valid = constantTimeEquals(32, plaintext, 0, clientShortPublic, 0) and
            constantTimeEquals(32, plaintext, 32, serverShortSecret, 0)
        plaintext.fill(0)
        if (!valid) throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "INITIATE cookie is not this connection's")
    }
}
