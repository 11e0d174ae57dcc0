package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305

/** Box helpers of the handshake: a crypto_box between two keys, failing as libzmq does. */
internal object CurveBoxes {
    /**
     * The box between [theirPublic] and [ourSecret]; a small-order public key (no shared secret) is a
     * cryptographic failure, as libsodium's refusal is in libzmq.
     */
    fun between(theirPublic: ByteArray, ourSecret: ByteArray, what: String): XSalsa20Poly1305 {
        val key = CryptoBox.beforeNm(theirPublic, ourSecret)
            ?: throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "$what: the public key has small order")
        return XSalsa20Poly1305(key).also { key.fill(0) }
    }

    /** Opens [length] bytes of [data] at [offset], or fails with CRYPTOGRAPHIC naming [what]. */
    fun open(box: XSalsa20Poly1305, nonce: ByteArray, data: ByteArray, offset: Int, length: Int, what: String): ByteArray {
        if (length < 16) throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "$what: box shorter than its tag")
        val plaintext = ByteArray(length - 16)
        if (!box.open(nonce, data, offset, length, plaintext, 0)) {
            throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "$what: box does not open")
        }
        return plaintext
    }
}
