package dev.zmqkt.ssh

import java.nio.file.Path
import java.nio.file.Paths
import java.time.Duration

/**
 * How an SSH tunnel authenticates, verifies the server and copes with a dropped session. Made with [builder]
 * (or, in Kotlin, `SshTunnelOptions { password("...") }`); [DEFAULT] uses the default key files and the SSH agent,
 * and verifies the server against `~/.ssh/known_hosts`.
 *
 * ### Authentication
 * Offered in this order, as OpenSSH does: keys from the agent ([agent], on when `SSH_AUTH_SOCK` is set), key files
 * ([keyFiles]; when none is given, whichever of `~/.ssh/id_ed25519`, `id_ecdsa` and `id_rsa` exist and can be
 * read), then the [password].
 *
 * ### Server verification
 * The server's host key must be in [knownHosts] (OpenSSH's format, hashed entries and `[host]:port` included);
 * otherwise opening fails with [SshHostKeyException]. [acceptAnyHostKey] turns the check off: only for tests and
 * networks you trust.
 */
public class SshTunnelOptions private constructor(builder: Builder) {
    /** Private key files to offer (OpenSSH, PEM or PuTTY format); empty for the default ones. */
    public val keyFiles: List<Path> = builder.keyFiles.toList()

    /** The passphrase of encrypted key files, if any. */
    public val keyPassphrase: String? = builder.keyPassphrase

    /** The password to offer, if any. */
    public val password: String? = builder.password

    /** Whether to offer the SSH agent's keys (when an agent socket is known). */
    public val agent: Boolean = builder.agent

    /** The agent's socket; by default the `SSH_AUTH_SOCK` environment variable's. */
    public val agentSocket: Path? = builder.agentSocket ?: System.getenv("SSH_AUTH_SOCK")?.takeIf { it.isNotEmpty() }?.let { Paths.get(it) }

    /** The known_hosts file the server's key is checked against. */
    public val knownHosts: Path = builder.knownHosts ?: Paths.get(System.getProperty("user.home"), ".ssh", "known_hosts")

    /** Whether any host key is accepted, without checking [knownHosts]. False unless asked for. */
    public val acceptAnyHostKey: Boolean = builder.acceptAnyHostKey

    /** How long connecting and authenticating may take in all. */
    public val timeout: Duration = builder.timeout

    /** How often an idle session is checked with a keep-alive request; null for never. */
    public val heartbeatInterval: Duration? = builder.heartbeatInterval

    /** The first wait before re-establishing a dropped session, doubled after each failure; null: no reconnection. */
    public val reconnectInterval: Duration? = builder.reconnectInterval

    /** The longest wait between two reconnection attempts. */
    public val reconnectIntervalMax: Duration = builder.reconnectIntervalMax

    /**
     * How long a tunnel made for a socket stays open after the socket closed or disconnected, at most, so that
     * queued messages can still go out: the socket's linger time when that is shorter.
     */
    public val closeGrace: Duration = builder.closeGrace

    /** The OpenSSH client to run for [OpenSshTunnel]; `ssh` from the PATH by default. */
    public val sshCommand: String = builder.sshCommand

    /** A new builder starting from these options. */
    public fun toBuilder(): Builder = Builder(this)

    /** Sets the options; every setter returns the builder. */
    public class Builder internal constructor(from: SshTunnelOptions?) {
        internal val keyFiles = ArrayList<Path>(from?.keyFiles.orEmpty())
        internal var keyPassphrase: String? = from?.keyPassphrase
        internal var password: String? = from?.password
        internal var agent: Boolean = from?.agent ?: true
        internal var agentSocket: Path? = from?.agentSocket
        internal var knownHosts: Path? = from?.knownHosts
        internal var acceptAnyHostKey: Boolean = from?.acceptAnyHostKey ?: false
        internal var timeout: Duration = from?.timeout ?: Duration.ofSeconds(30)
        internal var heartbeatInterval: Duration? = if (from != null) from.heartbeatInterval else Duration.ofSeconds(15)
        internal var reconnectInterval: Duration? = if (from != null) from.reconnectInterval else Duration.ofMillis(100)
        internal var reconnectIntervalMax: Duration = from?.reconnectIntervalMax ?: Duration.ofSeconds(30)
        internal var closeGrace: Duration = from?.closeGrace ?: Duration.ofSeconds(5)
        internal var sshCommand: String = from?.sshCommand ?: "ssh"

        /** Offers the private key in [file] (repeatable). */
        public fun keyFile(file: Path): Builder = apply { keyFiles.add(file) }

        /** The passphrase of encrypted key files. */
        public fun keyPassphrase(passphrase: String?): Builder = apply { keyPassphrase = passphrase }

        /** Offers [password] after the keys. */
        public fun password(password: String?): Builder = apply { this.password = password }

        /** Whether to offer the SSH agent's keys; on by default. */
        public fun agent(use: Boolean): Builder = apply { agent = use }

        /** The SSH agent's socket, instead of `SSH_AUTH_SOCK`'s. */
        public fun agentSocket(socket: Path): Builder = apply { agentSocket = socket }

        /** Checks the server's key against [file] instead of `~/.ssh/known_hosts`. */
        public fun knownHosts(file: Path): Builder = apply { knownHosts = file }

        /** Accepts any host key without checking: only where a man-in-the-middle is not a concern. */
        public fun acceptAnyHostKey(): Builder = apply { acceptAnyHostKey = true }

        /** How long connecting and authenticating may take; 30 seconds by default. */
        public fun timeout(timeout: Duration): Builder = apply {
            require(!timeout.isNegative && !timeout.isZero) { "timeout must be positive, got $timeout" }
            this.timeout = timeout
        }

        /** How often an idle session is checked; 15 seconds by default, null for never. */
        public fun heartbeatInterval(interval: Duration?): Builder = apply {
            require(interval == null || (!interval.isNegative && !interval.isZero)) { "heartbeatInterval must be positive, got $interval" }
            heartbeatInterval = interval
        }

        /**
         * Re-establishes a dropped session after [first] (100 ms by default), doubling the wait after each failed
         * attempt up to [max] (30 seconds); [first] null: never (the tunnel closes when its session drops).
         */
        @JvmOverloads
        public fun reconnect(first: Duration?, max: Duration = reconnectIntervalMax): Builder = apply {
            require(first == null || !first.isNegative) { "reconnect interval must not be negative, got $first" }
            require(!max.isNegative) { "reconnect interval maximum must not be negative, got $max" }
            reconnectInterval = first
            reconnectIntervalMax = max
        }

        /** The longest a tunnel outlives the socket it was made for; 5 seconds by default. */
        public fun closeGrace(grace: Duration): Builder = apply {
            require(!grace.isNegative) { "closeGrace must not be negative, got $grace" }
            closeGrace = grace
        }

        /** The OpenSSH client [OpenSshTunnel] runs; `ssh` by default. */
        public fun sshCommand(command: String): Builder = apply { sshCommand = command }

        /** The options. */
        public fun build(): SshTunnelOptions = SshTunnelOptions(this)
    }

    override fun toString(): String =
        "SshTunnelOptions(keyFiles=$keyFiles, password=${if (password != null) "***" else "none"}, agent=$agent, " +
            "knownHosts=${if (acceptAnyHostKey) "any" else knownHosts.toString()}, timeout=$timeout)"

    public companion object {
        /** Default key files and agent, `~/.ssh/known_hosts`, reconnection on. */
        @JvmField
        public val DEFAULT: SshTunnelOptions = Builder(null).build()

        /** A new builder with the default options. */
        @JvmStatic
        public fun builder(): Builder = Builder(null)
    }
}

/** Options made in a block: `SshTunnelOptions { keyFile(path); knownHosts(file) }`. */
public fun SshTunnelOptions(configure: SshTunnelOptions.Builder.() -> Unit): SshTunnelOptions =
    SshTunnelOptions.builder().apply(configure).build()
