package dev.zmqkt.auth.internal.crypto

import org.bouncycastle.math.ec.rfc7748.X25519
import java.security.SecureRandom

/**
 * NaCl's `crypto_box` (Curve25519 + XSalsa20 + Poly1305) key handling: key pairs, and `beforenm`, the shared key two
 * parties compute from one's secret key and the other's public key. Boxes themselves are [XSalsa20Poly1305] under the
 * shared key (`crypto_box_afternm`), so a connection computes it once.
 */
internal object CryptoBox {
    const val PUBLIC_KEY_BYTES: Int = 32
    const val SECRET_KEY_BYTES: Int = 32

    private val random = SecureRandom()
    private val ZERO_16 = ByteArray(16)

    /** A fresh key pair (`crypto_box_keypair`): 32 random secret bytes and their X25519 public key. */
    fun keyPair(): Pair<ByteArray, ByteArray> {
        val secret = ByteArray(SECRET_KEY_BYTES)
        random.nextBytes(secret)
        return publicKey(secret) to secret
    }

    /** The public key of [secretKey] (`crypto_scalarmult_base`). */
    fun publicKey(secretKey: ByteArray): ByteArray {
        require(secretKey.size == SECRET_KEY_BYTES) { "a secret key is $SECRET_KEY_BYTES bytes, not ${secretKey.size}" }
        val public = ByteArray(PUBLIC_KEY_BYTES)
        X25519.scalarMultBase(secretKey, 0, public, 0)
        return public
    }

    /**
     * The shared box key of [theirPublicKey] and [ourSecretKey] (`crypto_box_beforenm`): HSalsa20 of their X25519
     * product with a zero input. Returns null when the product is all zeros (a small-order public key, which
     * libsodium refuses too): such a key would let anyone read the box.
     */
    fun beforeNm(theirPublicKey: ByteArray, ourSecretKey: ByteArray): ByteArray? {
        require(theirPublicKey.size == PUBLIC_KEY_BYTES) { "a public key is $PUBLIC_KEY_BYTES bytes, not ${theirPublicKey.size}" }
        require(ourSecretKey.size == SECRET_KEY_BYTES) { "a secret key is $SECRET_KEY_BYTES bytes, not ${ourSecretKey.size}" }
        val shared = ByteArray(32)
        if (!X25519.calculateAgreement(ourSecretKey, 0, theirPublicKey, 0, shared, 0)) return null
        val key = ByteArray(32)
        HSalsa20.derive(shared, 0, ZERO_16, 0, key, 0)
        shared.fill(0)
        return key
    }

    /** Fills [bytes] with random bytes from the box's secure random source. */
    fun randomBytes(bytes: ByteArray, offset: Int = 0, length: Int = bytes.size - offset) {
        if (offset == 0 && length == bytes.size) {
            random.nextBytes(bytes)
        } else {
            val chunk = ByteArray(length)
            random.nextBytes(chunk)
            chunk.copyInto(bytes, offset)
        }
    }
}
