package dev.zmqkt.ssh.support

import org.apache.sshd.common.config.keys.KeyUtils
import org.apache.sshd.common.config.keys.PublicKeyEntry
import org.apache.sshd.common.session.Session
import org.apache.sshd.common.util.net.SshdSocketAddress
import org.apache.sshd.server.SshServer
import org.apache.sshd.server.auth.password.PasswordAuthenticator
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator
import org.apache.sshd.server.forward.ForwardingFilter
import org.apache.sshd.server.forward.TcpForwardingFilter
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider
import java.nio.file.Files
import java.nio.file.Path
import java.security.PublicKey
import java.util.concurrent.CopyOnWriteArrayList

/**
 * An in-process SSH server for the tests (Apache MINA sshd), on a loopback port: user [USER] logs in with
 * [PASSWORD] or one of [authorizedKeys]; direct-tcpip forwarding is allowed only to the ports in [allowedPorts] on
 * 127.0.0.1 (the test's endpoints). Its host key is kept in [dir], so a restart on the same port presents the same
 * key.
 */
class TestSshServer(private val dir: Path = Files.createTempDirectory("zmqkt-sshd")) : AutoCloseable {
    val authorizedKeys = CopyOnWriteArrayList<PublicKey>()
    val allowedPorts = CopyOnWriteArrayList<Int>()

    /** Forward requests the server refused, as host:port. */
    val refusedForwards = CopyOnWriteArrayList<String>()

    private var server: SshServer = build(0)

    /** The port, fixed across restarts. */
    val port: Int get() = server.port

    /** `alice@127.0.0.1:port`. */
    val address: String get() = "$USER@127.0.0.1:$port"

    /** The host key's public half. */
    val hostKey: PublicKey get() = server.keyPairProvider.loadKeys(null).first().public

    /** A known_hosts file listing this server's key under `[127.0.0.1]:port`. */
    fun knownHosts(): Path = Files.createTempFile(dir, "known_hosts", "").also {
        Files.writeString(it, "[127.0.0.1]:$port ${PublicKeyEntry.toString(hostKey)}\n")
    }

    /** Stops the server, closing every session at once (as a crash or a restart does). */
    fun stop() {
        server.stop(true)
    }

    /** Starts the server again on the same port with the same host key. */
    fun restart() {
        server = build(port)
    }

    override fun close() {
        server.stop(true)
    }

    private fun build(port: Int): SshServer = SshServer.setUpDefaultServer().apply {
        host = "127.0.0.1"
        this.port = port
        keyPairProvider = SimpleGeneratorHostKeyProvider(dir.resolve("host.key"))
        passwordAuthenticator = PasswordAuthenticator { user, password, _ -> user == USER && password == PASSWORD }
        publickeyAuthenticator = PublickeyAuthenticator { user, key, _ ->
            user == USER && authorizedKeys.any { KeyUtils.compareKeys(it, key) }
        }
        forwardingFilter = ForwardingFilter.asForwardingFilter(null, null, object : TcpForwardingFilter {
            override fun canListen(address: SshdSocketAddress, session: Session): Boolean = false

            override fun canConnect(type: TcpForwardingFilter.Type, address: SshdSocketAddress, session: Session): Boolean {
                val allowed = address.hostName == "127.0.0.1" && address.port in allowedPorts
                if (!allowed) refusedForwards += "${address.hostName}:${address.port}"
                return allowed
            }
        })
        start()
    }

    companion object {
        const val USER = "alice"
        const val PASSWORD = "correct horse"
    }
}
