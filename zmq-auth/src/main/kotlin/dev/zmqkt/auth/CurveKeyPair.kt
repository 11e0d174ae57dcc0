package dev.zmqkt.auth

/**
 * A CURVE key pair: a public key to hand out and its secret key, each 32 bytes, readable as 40 Z85 characters
 * (the text form libzmq and pyzmq use) or as raw bytes.
 *
 * Destructures like pyzmq's `public, secret = zmq.curve_keypair()`:
 * ```kotlin
 * val (public, secret) = Curve.keypair()   // Z85 strings
 * ```
 * [toString] shows the public key only.
 */
public class CurveKeyPair(publicKey: ByteArray, secretKey: ByteArray) {
    private val public: ByteArray = Curve.checkRawKey(publicKey, "public key").copyOf()
    private val secret: ByteArray = Curve.checkRawKey(secretKey, "secret key").copyOf()

    /** The public key in Z85 (40 characters). */
    public val publicKey: String = Z85.encode(public)

    /** The secret key in Z85 (40 characters). Keep it private. */
    public val secretKey: String get() = Z85.encode(secret)

    /** A copy of the 32 raw bytes of the public key. */
    public fun publicKeyBytes(): ByteArray = public.copyOf()

    /** A copy of the 32 raw bytes of the secret key. */
    public fun secretKeyBytes(): ByteArray = secret.copyOf()

    /** The public key in Z85, for `val (public, secret) = pair`. */
    public operator fun component1(): String = publicKey

    /** The secret key in Z85, for `val (public, secret) = pair`. */
    public operator fun component2(): String = secretKey

    override fun equals(other: Any?): Boolean =
        other is CurveKeyPair && public.contentEquals(other.public) && secret.contentEquals(other.secret)

    override fun hashCode(): Int = public.contentHashCode()

    override fun toString(): String = "CurveKeyPair(public=$publicKey)"
}
