package dev.zmqkt.ssh.internal

import dev.zmqkt.InvalidEndpointException

/** The `tcp://host:port` a tunnel leads to. */
internal class TunnelTarget(val endpoint: String, val host: String, val port: Int) {
    override fun toString(): String = endpoint

    companion object {
        /**
         * Reads a tcp endpoint with a host and a port (`tcp://10.0.0.5:5555`, `tcp://[::1]:5555`).
         *
         * @throws InvalidEndpointException for another transport or without a numeric port.
         */
        fun parse(endpoint: String): TunnelTarget {
            val rest = endpoint.removePrefix("tcp://")
            if (rest == endpoint) throw InvalidEndpointException("only tcp:// endpoints can go through an SSH tunnel: $endpoint")
            val colon = rest.lastIndexOf(':')
            if (colon <= 0) throw InvalidEndpointException("no port in $endpoint")
            val host = rest.substring(0, colon).removeSurrounding("[", "]")
            val port = rest.substring(colon + 1).toIntOrNull()?.takeIf { it in 1..65535 }
                ?: throw InvalidEndpointException("bad port in $endpoint (a tunnel needs a fixed port, not *)")
            if (host.isEmpty() || host == "*") throw InvalidEndpointException("no host in $endpoint")
            return TunnelTarget(endpoint, host, port)
        }
    }
}
