package dev.zmqkt.ssh.internal

import org.apache.sshd.client.config.hosts.KnownHostEntry
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier
import org.apache.sshd.client.keyverifier.ServerKeyVerifier
import org.apache.sshd.client.session.ClientSession
import org.apache.sshd.common.config.keys.KeyUtils
import java.net.SocketAddress
import java.nio.file.Path
import java.security.PublicKey
import java.util.concurrent.ConcurrentHashMap

/** Why a server's host key was refused, for the error the caller gets. */
internal class HostKeyRejection(val changed: Boolean, val fingerprint: String, val knownHosts: Path)

internal object HostKeyChecks {
    /** The verifier of a client: any key when [acceptAny], otherwise the keys in [knownHosts] only. */
    fun verifier(knownHosts: Path, acceptAny: Boolean): ServerKeyVerifier =
        if (acceptAny) AcceptAllServerKeyVerifier.INSTANCE else KnownHostsOnly(knownHosts)

    /** Why [session] was refused, if its host key was (once: the note is taken away). */
    fun takeRejection(verifier: ServerKeyVerifier, session: ClientSession): HostKeyRejection? =
        (verifier as? KnownHostsOnly)?.rejections?.remove(session)

    /**
     * OpenSSH's known_hosts check (MINA's), refusing unknown and changed keys as `StrictHostKeyChecking yes`
     * does, and noting why per session (a session's own attributes are cleared when it closes).
     */
    private class KnownHostsOnly(
        private val file: Path,
        val rejections: ConcurrentHashMap<ClientSession, HostKeyRejection> = ConcurrentHashMap(),
    ) : KnownHostsServerKeyVerifier(RefuseUnknown(file, rejections), file) {
        override fun acceptModifiedServerKey(
            session: ClientSession,
            remote: SocketAddress,
            entry: KnownHostEntry,
            expected: PublicKey,
            actual: PublicKey,
        ): Boolean {
            rejections[session] = HostKeyRejection(changed = true, KeyUtils.getFingerPrint(actual), file)
            return false
        }
    }

    /** Refuses a key known_hosts does not list (also when the file does not exist), noting why. */
    private class RefuseUnknown(
        private val file: Path,
        private val rejections: ConcurrentHashMap<ClientSession, HostKeyRejection>,
    ) : ServerKeyVerifier {
        override fun verifyServerKey(session: ClientSession, remote: SocketAddress, key: PublicKey): Boolean {
            rejections[session] = HostKeyRejection(changed = false, KeyUtils.getFingerPrint(key), file)
            return false
        }
    }
}
