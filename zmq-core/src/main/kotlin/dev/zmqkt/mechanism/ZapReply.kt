package dev.zmqkt.mechanism

import dev.zmqkt.Metadata

/**
 * A ZAP handler's reply (RFC 27), already checked: [statusCode] is 200, 300, 400 or 500. zmq-kt makes them from
 * the handler's replies; the public constructor is for tests of a mechanism with a stand-in [MechanismContext].
 */
@ZmqMechanismApi
public class ZapReply(
    /** 200 (accepted), 300 (temporary failure), 400 (refused) or 500 (handler error). */
    public val statusCode: Int,
    /** The handler's explanation. */
    public val statusText: String,
    /** The identity the handler gave the peer; becomes the connection's `User-Id` property on 200. */
    public val userId: String,
    /** The metadata the handler attached; merged into the connection's properties on 200. */
    public val metadata: Metadata,
) {
    init {
        require(statusCode == 200 || statusCode == 300 || statusCode == 400 || statusCode == 500) {
            "a ZAP status code is 200, 300, 400 or 500, got $statusCode"
        }
    }

    /** True for status 200. */
    public val isAccepted: Boolean get() = statusCode == 200

    /**
     * The exception that ends the handshake for a refusal (300, 400 or 500), as [MechanismException.authFailed]:
     * throw it.
     *
     * @throws IllegalStateException when the reply accepted the peer.
     */
    public fun failure(): MechanismException {
        check(!isAccepted) { "the ZAP handler accepted the peer" }
        return MechanismException.authFailed(statusCode, "ZAP refused the peer: $statusCode $statusText")
    }

    override fun toString(): String = "ZapReply($statusCode $statusText, user '$userId')"
}
