package dev.zmqkt.auth

import dev.zmqkt.auth.internal.crypto.CryptoBox

/**
 * CURVE keys (pyzmq's `zmq.curve_keypair` and `zmq.curve_public`): Curve25519 key pairs for the CURVE security
 * mechanism (RFC 26), generated in pure JVM code.
 *
 * ```kotlin
 * val server = Curve.keypair()
 * val public = Curve.publicKey(server.secretKey)   // == server.publicKey
 * ```
 * ```java
 * CurveKeyPair pair = Curve.keypair();
 * String publicKey = pair.getPublicKey();
 * ```
 */
public object Curve {
    /** Size of a raw CURVE key in bytes. */
    public const val KEY_BYTES: Int = 32

    /** Size of a CURVE key in Z85 characters. */
    public const val KEY_Z85_LENGTH: Int = 40

    /** A new random key pair (pyzmq's `zmq.curve_keypair()`). */
    @JvmStatic
    public fun keypair(): CurveKeyPair {
        val (public, secret) = CryptoBox.keyPair()
        return CurveKeyPair(public, secret).also { secret.fill(0) }
    }

    /**
     * The public key of a Z85 [secretKey], in Z85 (pyzmq's `zmq.curve_public`).
     *
     * @throws IllegalArgumentException when [secretKey] is not 40 Z85 characters.
     */
    @JvmStatic
    public fun publicKey(secretKey: String): String = Z85.encode(publicKey(keyBytes(secretKey)))

    /**
     * The public key of a raw 32-byte [secretKey], as 32 raw bytes.
     *
     * @throws IllegalArgumentException when [secretKey] is not 32 bytes.
     */
    @JvmStatic
    public fun publicKey(secretKey: ByteArray): ByteArray =
        CryptoBox.publicKey(checkRawKey(secretKey, "secret key"))

    /** The key pair of a Z85 [secretKey]. */
    @JvmStatic
    public fun keypairFromSecret(secretKey: String): CurveKeyPair {
        val secret = keyBytes(secretKey)
        return CurveKeyPair(CryptoBox.publicKey(secret), secret)
    }

    /**
     * The 32 raw bytes of a key given as 40 Z85 characters.
     *
     * @throws IllegalArgumentException when [key] is not 40 valid Z85 characters.
     */
    @JvmStatic
    public fun keyBytes(key: String): ByteArray {
        require(key.length == KEY_Z85_LENGTH) {
            "a CURVE key in Z85 is $KEY_Z85_LENGTH characters, not ${key.length}"
        }
        return Z85.decode(key)
    }

    internal fun checkRawKey(key: ByteArray, what: String): ByteArray {
        require(key.size == KEY_BYTES) { "a CURVE $what is $KEY_BYTES bytes, not ${key.size}" }
        return key
    }
}
