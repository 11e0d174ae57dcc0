package dev.zmqkt

/**
 * The ZMTP security mechanisms (pyzmq's `zmq.SecurityMechanism`), with libzmq's `ZMQ_MECHANISM` numbers as [code].
 * A socket's [SocketOptions.mechanism] is chosen by its options, as in libzmq: the last of `plainServer`,
 * `plainUsername`, `plainPassword`, `curveServer`, `curvePublicKey`, `curveSecretKey`, `curveServerKey` set.
 */
public enum class SecurityMechanism(public val code: Int) {
    /** No security (RFC 23/37): the default. */
    NULL(0),

    /** User name and password in clear text, checked by a ZAP handler (RFC 24). For trusted networks only. */
    PLAIN(1),

    /** CurveZMQ encryption and authentication (RFC 25/26); needs zmq-auth on the class path. */
    CURVE(2),
    ;

    public companion object {
        /** The mechanism with libzmq number [code], or null. */
        @JvmStatic
        public fun fromCode(code: Int): SecurityMechanism? = entries.firstOrNull { it.code == code }
    }
}
