package dev.zmqkt.ssh

/**
 * An SSH server as pyzmq writes it: `user@host:port`, the user and port optional (`host` alone is the current
 * user on port 22). An IPv6 host goes in brackets: `user@[::1]:2222`.
 */
public class SshServerAddress(
    /** The user to log in as. */
    public val user: String,
    /** The server's host name or address. */
    public val host: String,
    /** The server's port. */
    public val port: Int = 22,
) {
    init {
        require(user.isNotEmpty()) { "the SSH user is empty" }
        require(host.isNotEmpty()) { "the SSH host is empty" }
        require(port in 1..65535) { "the SSH port must be 1 to 65535, got $port" }
    }

    /** `user@host:port`, the form [parse] reads. */
    override fun toString(): String = "$user@${if (':' in host) "[$host]" else host}:$port"

    override fun equals(other: Any?): Boolean =
        other is SshServerAddress && user == other.user && host == other.host && port == other.port

    override fun hashCode(): Int = (user.hashCode() * 31 + host.hashCode()) * 31 + port

    public companion object {
        /**
         * Reads `[user@]host[:port]`; the user defaults to the `user.name` system property, the port to 22.
         *
         * @throws IllegalArgumentException when [server] is not of that form.
         */
        @JvmStatic
        public fun parse(server: String): SshServerAddress {
            val at = server.lastIndexOf('@')
            val user = if (at >= 0) server.substring(0, at) else System.getProperty("user.name")
            val hostPort = server.substring(at + 1)
            val (host, port) = when {
                hostPort.startsWith("[") -> {
                    val end = hostPort.indexOf(']')
                    require(end > 0) { "unclosed [ in SSH server \"$server\"" }
                    val rest = hostPort.substring(end + 1)
                    require(rest.isEmpty() || rest.startsWith(":")) { "unexpected \"$rest\" in SSH server \"$server\"" }
                    hostPort.substring(1, end) to rest.removePrefix(":").ifEmpty { null }
                }
                hostPort.count { it == ':' } == 1 -> hostPort.substringBefore(':') to hostPort.substringAfter(':')
                else -> hostPort to null
            }
            val portNumber = port?.let { p ->
                p.toIntOrNull() ?: throw IllegalArgumentException("bad port \"$p\" in SSH server \"$server\"")
            } ?: 22
            return SshServerAddress(user, host, portNumber)
        }
    }
}
