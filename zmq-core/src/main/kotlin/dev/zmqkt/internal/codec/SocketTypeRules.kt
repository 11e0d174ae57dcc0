package dev.zmqkt.internal.codec

/**
 * Which socket types may talk to which (RFC 37, "Socket-Type" property and the pattern RFCs), by ZMTP name.
 * Covers every standard type, including those zmq-kt does not implement yet, so any incompatible peer is refused.
 */
internal object SocketTypeRules {
    private val partners: Map<String, Set<String>> = mapOf(
        "PAIR" to setOf("PAIR"),
        "PUB" to setOf("SUB", "XSUB"),
        "SUB" to setOf("PUB", "XPUB"),
        "XPUB" to setOf("SUB", "XSUB"),
        "XSUB" to setOf("PUB", "XPUB"),
        "REQ" to setOf("REP", "ROUTER"),
        "REP" to setOf("REQ", "DEALER"),
        "DEALER" to setOf("REP", "DEALER", "ROUTER"),
        "ROUTER" to setOf("REQ", "DEALER", "ROUTER"),
        "PUSH" to setOf("PULL"),
        "PULL" to setOf("PUSH"),
        "CLIENT" to setOf("SERVER"),
        "SERVER" to setOf("CLIENT"),
        "RADIO" to setOf("DISH"),
        "DISH" to setOf("RADIO"),
        "GATHER" to setOf("SCATTER"),
        "SCATTER" to setOf("GATHER"),
        "PEER" to setOf("PEER"),
        "CHANNEL" to setOf("CHANNEL"),
    )

    /** True when a socket of type [ours] accepts a peer that announced [theirs]. */
    fun compatible(ours: String, theirs: String): Boolean = partners[ours]?.contains(theirs) == true

    /** Whether a socket of this type sends the Identity property in READY (RFC 37: REQ, DEALER, ROUTER). */
    fun sendsIdentity(type: String): Boolean = type == "REQ" || type == "DEALER" || type == "ROUTER"
}
