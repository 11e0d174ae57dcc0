package dev.zmqkt.internal.transport

import dev.zmqkt.InvalidEndpointException
import dev.zmqkt.UnsupportedTransportException

/**
 * A parsed endpoint string: `transport://address`.
 *
 * - `tcp://host:port`, the wildcard host `*` (bind only), `tcp://[::1]:port`; port `*` or `0` picks an ephemeral port when binding.
 * - `ipc://path` (Unix domain socket).
 * - `inproc://name`.
 */
internal sealed class Endpoint {
    /** The endpoint as written by the user. */
    abstract val text: String

    data class Tcp(override val text: String, val host: String, val port: Int) : Endpoint() {
        /** True for `*`: every local address. */
        val isWildcardHost: Boolean get() = host == "*"
    }

    data class Ipc(override val text: String, val path: String) : Endpoint()

    data class Inproc(override val text: String, val name: String) : Endpoint()

    companion object {
        private val SUPPORTED = listOf("tcp", "ipc", "inproc")
        private val KNOWN_UNSUPPORTED = listOf("pgm", "epgm", "norm", "vmci", "udp", "ws", "wss", "tipc")

        /**
         * Parses [text]. [forBind] allows a wildcard host and port. Raises [InvalidEndpointException] for a
         * malformed endpoint and [UnsupportedTransportException] for a transport zmq-kt does not have.
         */
        fun parse(text: String, forBind: Boolean): Endpoint {
            val separator = text.indexOf("://")
            if (separator <= 0) throw InvalidEndpointException("'$text' is not an endpoint: expected transport://address")
            val transport = text.substring(0, separator)
            val address = text.substring(separator + 3)
            if (transport !in SUPPORTED) {
                if (transport in KNOWN_UNSUPPORTED || transport.all { it.isLetterOrDigit() }) {
                    throw UnsupportedTransportException(
                        "transport '$transport' is not supported (in '$text'); use tcp, ipc or inproc",
                    )
                }
                throw InvalidEndpointException("'$text' is not an endpoint: bad transport '$transport'")
            }
            if (address.isEmpty()) throw InvalidEndpointException("'$text' has no address")
            return when (transport) {
                "tcp" -> parseTcp(text, address, forBind)
                "ipc" -> Ipc(text, address)
                else -> Inproc(text, address)
            }
        }

        private fun parseTcp(text: String, address: String, forBind: Boolean): Tcp {
            if (address.contains(';')) {
                throw InvalidEndpointException("'$text': source addresses (src;dst) are not supported")
            }
            val colon = address.lastIndexOf(':')
            if (colon <= 0 || colon == address.length - 1) {
                throw InvalidEndpointException("'$text' needs host:port")
            }
            var host = address.substring(0, colon)
            val portText = address.substring(colon + 1)
            if (host.startsWith("[")) {
                if (!host.endsWith("]") || host.length < 3) throw InvalidEndpointException("'$text' has a malformed IPv6 address")
                host = host.substring(1, host.length - 1)
                if (!host.contains(':')) throw InvalidEndpointException("'$text': brackets are only for IPv6 addresses")
            } else if (host.contains(':')) {
                throw InvalidEndpointException("'$text': write IPv6 addresses in brackets, as tcp://[::1]:5555")
            }
            if (host.isEmpty() || host.any { it.isWhitespace() || it == '/' }) throw InvalidEndpointException("'$text' has a malformed host")
            if (host == "*" && !forBind) throw InvalidEndpointException("'$text': cannot connect to host '*'")
            val port = if (portText == "*") {
                0
            } else {
                portText.toIntOrNull()?.takeIf { it in 0..65535 && portText.all(Char::isDigit) }
                    ?: throw InvalidEndpointException("'$text' has a malformed port '$portText'")
            }
            if (port == 0 && !forBind) throw InvalidEndpointException("'$text': cannot connect to port $portText")
            return Tcp(text, host, port)
        }
    }
}
