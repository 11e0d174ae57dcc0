package dev.zmqkt

/**
 * The properties of the connection a message came from, as libzmq's `zmq_msg_gets` reads them: the ones the peer
 * announced in its handshake (`Socket-Type`, `Identity`, and any `X-` property of its own), the ones the ZAP
 * handler gave (`User-Id` and the reply's metadata), and `Peer-Address` (the peer's IP address, tcp only).
 * When names clash, `Peer-Address` wins over ZAP's, and ZAP's over the peer's, as in libzmq.
 *
 * One instance is shared by every message of a connection: reading it costs nothing per message. Names compare
 * without regard to case; `Routing-Id` and `Identity` name the same property. Messages made by the application, and
 * messages over inproc, have [EMPTY] metadata (as in libzmq).
 *
 * ```kotlin
 * val request = socket.receive()
 * val user = request.property("User-Id")        // "admin", or null without ZAP
 * val address = request.metadata["Peer-Address"] // "127.0.0.1"
 * ```
 */
public class Metadata internal constructor(
    /** Name and value pairs, in the order they were announced; values are never handed out without a copy. */
    @get:JvmSynthetic internal val entries: List<Pair<String, ByteArray>>,
) {
    /** The property names, in order. */
    public val names: List<String> get() = entries.map { it.first }

    /** The number of properties. */
    @get:JvmName("size")
    public val size: Int get() = entries.size

    /** True when there are no properties. */
    public val isEmpty: Boolean get() = entries.isEmpty()

    /** The value of property [name] decoded as UTF-8 (libzmq's values are text), or null when there is none. */
    public operator fun get(name: String): String? = raw(name)?.let { String(it, Charsets.UTF_8) }

    /** A copy of the value of property [name] as bytes, or null when there is none. */
    public fun bytes(name: String): ByteArray? = raw(name)?.copyOf()

    /** Whether property [name] is present. */
    public operator fun contains(name: String): Boolean = raw(name) != null

    /** Every property with its value as UTF-8 text, in order. */
    public fun toMap(): Map<String, String> =
        entries.associateTo(LinkedHashMap()) { it.first to String(it.second, Charsets.UTF_8) }

    /** The value of [name] without a copy, for zmq-kt's own use. */
    @JvmSynthetic
    internal fun raw(name: String): ByteArray? {
        find(name)?.let { return it }
        return when {
            name.equals(ROUTING_ID, ignoreCase = true) -> find(IDENTITY)
            name.equals(IDENTITY, ignoreCase = true) -> find(ROUTING_ID)
            else -> null
        }
    }

    private fun find(name: String): ByteArray? {
        for (e in entries) if (e.first.equals(name, ignoreCase = true)) return e.second
        return null
    }

    override fun toString(): String = entries.joinToString(prefix = "Metadata(", postfix = ")") { (name, value) ->
        "$name=${String(value, Charsets.UTF_8)}"
    }

    public companion object {
        /** No properties. */
        @JvmField
        public val EMPTY: Metadata = Metadata(emptyList())

        /** `User-Id`: the identity the ZAP handler gave the peer. */
        public const val USER_ID: String = "User-Id"

        /** `Peer-Address`: the peer's IP address (tcp only). */
        public const val PEER_ADDRESS: String = "Peer-Address"

        /** `Socket-Type`: the peer socket's type (`DEALER`, ...). */
        public const val SOCKET_TYPE: String = "Socket-Type"

        /** `Routing-Id`: the routing id the peer announced (the same property as [IDENTITY]). */
        public const val ROUTING_ID: String = "Routing-Id"

        /** `Identity`: the ZMTP name of the routing id the peer announced. */
        public const val IDENTITY: String = "Identity"

        /**
         * A metadata of [properties] with their values as UTF-8, in the map's order: for tests and for mechanisms
         * that build properties of their own.
         */
        @JvmStatic
        public fun of(properties: Map<String, String>): Metadata =
            Metadata(properties.map { (name, value) -> name to value.toByteArray(Charsets.UTF_8) })
    }
}
