package dev.zmqkt.ssh.internal

import dev.zmqkt.ssh.SshAuthenticationException
import dev.zmqkt.ssh.SshConnectException
import dev.zmqkt.ssh.SshHostKeyException
import dev.zmqkt.ssh.SshServerAddress
import dev.zmqkt.ssh.SshTunnelException
import org.apache.sshd.client.SshClient
import org.apache.sshd.client.session.ClientSession
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker
import org.apache.sshd.common.util.net.SshdSocketAddress
import java.net.BindException
import java.util.concurrent.CompletableFuture

/** An authenticated session and its local port forward. */
internal class OpenSession(val session: ClientSession, val forward: ExplicitPortForwardingTracker) {
    val localPort: Int get() = forward.boundAddress.port
}

/** The local port asked for was taken (on reconnection): the caller tries again with an ephemeral one. */
internal class LocalPortTaken(val port: Int, cause: Throwable) : Exception("local port $port is taken", cause)

/**
 * Opens one session of [client] to [server] and a local port forward from `127.0.0.1:`[localPort] (0: one the
 * system picks, bound by MINA itself) to [target], without blocking: connect, authenticate, forward, each step
 * started by the previous one's completion on MINA's threads. Fails with a typed [SshTunnelException], or
 * [LocalPortTaken].
 */
internal fun openSession(
    client: SshClient,
    server: SshServerAddress,
    target: TunnelTarget,
    password: String?,
    localPort: Int,
): CompletableFuture<OpenSession> {
    val result = CompletableFuture<OpenSession>()
    val connecting = try {
        client.connect(server.user, server.host, server.port)
    } catch (e: Exception) {
        return CompletableFuture.failedFuture(SshConnectException("cannot connect to the SSH server $server: ${e.message}", e))
    }
    connecting.addListener { connected ->
        if (!connected.isConnected) {
            val e = connected.exception
            result.completeExceptionally(SshConnectException("cannot connect to the SSH server $server: ${describe(e)}", e))
            return@addListener
        }
        val session = connected.clientSession
        // the caller cancelled (timed out, closed): nothing more to do
        if (result.isDone) {
            session.close(true)
            return@addListener
        }
        password?.let { session.addPasswordIdentity(it) }
        val auth = try {
            session.auth()
        } catch (e: Exception) {
            session.close(true)
            result.completeExceptionally(failure(session, server, e))
            return@addListener
        }
        auth.addListener { authed ->
            if (!authed.isSuccess) {
                val e = authed.exception
                session.close(true)
                result.completeExceptionally(failure(session, server, e))
                return@addListener
            }
            try {
                val forward = session.createLocalPortForwardingTracker(
                    SshdSocketAddress(LOOPBACK, localPort),
                    SshdSocketAddress(target.host, target.port),
                )
                if (!result.complete(OpenSession(session, forward))) session.close(true)
            } catch (e: Exception) {
                session.close(true)
                val bind = generateSequence<Throwable>(e) { it.cause }.firstOrNull { it is BindException }
                result.completeExceptionally(
                    if (bind != null && localPort != 0) LocalPortTaken(localPort, e)
                    else SshTunnelException("cannot forward $LOOPBACK:$localPort to $target through $server: ${describe(e)}", e),
                )
            }
        }
    }
    return result
}

internal const val LOOPBACK = "127.0.0.1"

/** What went wrong once connected: the host key, the credentials, or the connection itself. */
private fun failure(session: ClientSession, server: SshServerAddress, e: Throwable?): SshTunnelException {
    HostKeyChecks.takeRejection(session.factoryManager.serverKeyVerifier, session)?.let { r ->
        val message = if (r.changed) {
            "the host key of $server (${r.fingerprint}) differs from the one in ${r.knownHosts}: someone may be " +
                "intercepting the connection, or the server's key was changed (fix the known_hosts entry if so)"
        } else {
            "the host key of $server (${r.fingerprint}) is not in ${r.knownHosts}: add it (e.g. with ssh-keyscan) " +
                "or, only if you trust the network, use acceptAnyHostKey()"
        }
        return SshHostKeyException(message, r.changed, r.fingerprint, e)
    }
    if (session.serverKey != null && !session.isAuthenticated) {
        return SshAuthenticationException("the SSH server $server refused every credential offered (${describe(e)})", e)
    }
    return SshConnectException("the SSH session with $server failed before authentication: ${describe(e)}", e)
}

private fun describe(e: Throwable?): String = e?.message ?: e?.javaClass?.simpleName ?: "no reason given"
