@file:JvmName("SshTunnels")

package dev.zmqkt.ssh

import dev.zmqkt.Socket
import dev.zmqkt.ssh.internal.SocketBinding
import java.util.concurrent.CompletableFuture

/**
 * Connects this socket to [target] through an SSH tunnel via [server] (pyzmq's `tunnel_connection`): opens an
 * [SshTunnel], connects the socket to its local endpoint and returns the tunnel.
 *
 * ```kotlin
 * val req = ctx.socket(SocketType.REQ)
 * req.tunnelConnection("tcp://10.0.0.5:5555", "deploy@bastion.example.com:22")
 * req.send(Message.of("hello"))
 * ```
 *
 * The tunnel closes when the socket is closed or disconnected from it (after the socket's linger time, at most
 * [SshTunnelOptions.closeGrace], for queued messages to go out). While the SSH session is down the socket
 * reconnects as it would to any absent peer; when the tunnel is back, messages flow again.
 *
 * @throws SshTunnelException (a subclass says why) when the tunnel cannot be opened.
 */
@JvmSynthetic
public suspend fun Socket.tunnelConnection(
    target: String,
    server: String,
    options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
): SshTunnel = SshTunnel.open(target, server, options).also { bindTo(this, it, options) }

/** [tunnelConnection] as a future, for Java: `SshTunnels.tunnelConnectionAsync(socket, target, server, options)`. */
@JvmOverloads
public fun tunnelConnectionAsync(
    socket: Socket,
    target: String,
    server: String,
    options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
): CompletableFuture<SshTunnel> = SshTunnel.openAsync(target, server, options).thenApply { bindTo(socket, it, options) }

/** [tunnelConnection], blocking, for Java: `SshTunnels.tunnelConnectionBlocking(socket, target, server, options)`. */
@JvmOverloads
@Throws(SshTunnelException::class, InterruptedException::class)
public fun tunnelConnectionBlocking(
    socket: Socket,
    target: String,
    server: String,
    options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
): SshTunnel = bindTo(socket, SshTunnel.openBlocking(target, server, options), options)

private fun bindTo(socket: Socket, tunnel: SshTunnel, options: SshTunnelOptions): SshTunnel {
    try {
        SocketBinding(socket, tunnel, options.closeGrace).start(tunnel::onEndpointChanged, tunnel::onClosed)
    } catch (e: Throwable) {
        tunnel.close()
        throw e
    }
    return tunnel
}

