package dev.zmqkt.ssh

/** Where an [SshTunnel] stands. */
public enum class SshTunnelState {
    /** The SSH session is up and the local port forwards to the target. */
    CONNECTED,

    /**
     * The SSH session dropped; it is being re-established with backoff. The local port is closed meanwhile, so the
     * socket's own reconnection retries until the tunnel is back.
     */
    RECONNECTING,

    /** Closed, by [SshTunnel.close], by the socket it served closing, or for good after an error. */
    CLOSED,
}
