package dev.zmqkt.auth.internal.zap

/** How one ZAP domain checks CURVE clients: any key, a fixed set of keys, or a callback. */
internal sealed interface CurveRule {
    /** `CURVE_ALLOW_ANY`: every client key passes. */
    object AllowAny : CurveRule {
        override fun toString() = "any key"
    }

    /** The Z85 public keys of a certificate directory, read when it was configured. */
    class Keys(val publicKeys: Set<String>, val source: String) : CurveRule {
        override fun toString() = "${publicKeys.size} keys from $source"
    }

    /** A callback given the domain and the client's Z85 public key. */
    class Callback(val check: suspend (domain: String, clientPublicKey: String) -> Boolean) : CurveRule {
        override fun toString() = "a callback"
    }
}
