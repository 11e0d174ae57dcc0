package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import dev.zmqkt.auth.internal.crypto.putBigEndianLong

/**
 * CurveZMQ's nonces (RFC 26): each box's 24-byte nonce is a fixed prefix naming the command and the direction,
 * then either an 8-byte big-endian counter (the "short nonce", strictly increasing per sender per connection) or
 * 16 random bytes (WELCOME, the cookie, the vouch).
 */
internal object CurveNonces {
    val HELLO: ByteArray = ascii("CurveZMQHELLO---")
    val INITIATE: ByteArray = ascii("CurveZMQINITIATE")
    val READY: ByteArray = ascii("CurveZMQREADY---")
    val MESSAGE_FROM_CLIENT: ByteArray = ascii("CurveZMQMESSAGEC")
    val MESSAGE_FROM_SERVER: ByteArray = ascii("CurveZMQMESSAGES")
    val WELCOME: ByteArray = ascii("WELCOME-")
    val COOKIE: ByteArray = ascii("COOKIE--")
    val VOUCH: ByteArray = ascii("VOUCH---")

    /** A 24-byte nonce: the 16-byte [prefix] and [shortNonce] big-endian. */
    fun counted(prefix: ByteArray, shortNonce: Long): ByteArray {
        val nonce = ByteArray(24)
        prefix.copyInto(nonce)
        putBigEndianLong(nonce, 16, shortNonce)
        return nonce
    }

    /** A 24-byte nonce: the 16-byte [prefix] and the 8 bytes of [data] at [offset]. */
    fun counted(prefix: ByteArray, data: ByteArray, offset: Int): ByteArray {
        val nonce = ByteArray(24)
        prefix.copyInto(nonce)
        data.copyInto(nonce, 16, offset, offset + 8)
        return nonce
    }

    /** A 24-byte nonce: the 8-byte [prefix] and the 16 bytes of [data] at [offset]. */
    fun long(prefix: ByteArray, data: ByteArray, offset: Int): ByteArray {
        val nonce = ByteArray(24)
        prefix.copyInto(nonce)
        data.copyInto(nonce, 8, offset, offset + 16)
        return nonce
    }

    /** A 24-byte nonce: the 8-byte [prefix] and 16 fresh random bytes. */
    fun random(prefix: ByteArray): ByteArray {
        val nonce = ByteArray(24)
        prefix.copyInto(nonce)
        CryptoBox.randomBytes(nonce, 8, 16)
        return nonce
    }

    private fun ascii(text: String) = text.toByteArray(Charsets.US_ASCII)
}
