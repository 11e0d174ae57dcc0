package dev.zmqkt.ssh

/**
 * A local TCP port on the loopback interface that leads to a [target] endpoint through an SSH [server]: a socket
 * connected to [localEndpoint] reaches [target] as the server sees it (pyzmq's tunnels). [SshTunnel] runs the SSH
 * client in process; [OpenSshTunnel] runs the `ssh` program.
 */
public interface Tunnel : AutoCloseable {
    /** Where to connect: `tcp://127.0.0.1:PORT`. */
    public val localEndpoint: String

    /** The endpoint reached through the server, as given (`tcp://10.0.0.5:5555`). */
    public val target: String

    /** The SSH server the tunnel goes through. */
    public val server: SshServerAddress

    /** False once closed. */
    public val isOpen: Boolean

    /** Closes the local port and the SSH connection. Idempotent. */
    override fun close()
}
