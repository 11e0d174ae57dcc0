package dev.zmqkt.ssh

import java.io.IOException

/** Why an SSH tunnel could not be opened (or reopened). Subclasses say which step failed. */
public open class SshTunnelException(message: String, cause: Throwable? = null) : IOException(message, cause)

/** The SSH server could not be reached: the name does not resolve, the connection is refused or times out. */
public class SshConnectException(message: String, cause: Throwable? = null) : SshTunnelException(message, cause)

/** The server refused every credential offered (password, key files, agent keys). */
public class SshAuthenticationException(message: String, cause: Throwable? = null) : SshTunnelException(message, cause)

/**
 * The server's host key could not be verified: it is not in the known_hosts file ([changed] false), or it differs
 * from the key recorded there for that host ([changed] true, possibly a man-in-the-middle).
 */
public class SshHostKeyException(
    message: String,
    /** True when known_hosts has a different key for the host; false when it has none. */
    public val changed: Boolean,
    /** The SHA-256 fingerprint of the key the server presented (`SHA256:...`), when known. */
    public val fingerprint: String?,
    cause: Throwable? = null,
) : SshTunnelException(message, cause)

/** A key file could not be read or decrypted. */
public class SshKeyFileException(message: String, cause: Throwable? = null) : SshTunnelException(message, cause)
