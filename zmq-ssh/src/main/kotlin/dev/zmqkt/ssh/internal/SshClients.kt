package dev.zmqkt.ssh.internal

import dev.zmqkt.ssh.SshTunnelOptions
import org.apache.sshd.client.SshClient
import org.apache.sshd.common.keyprovider.KeyIdentityProvider
import org.apache.sshd.core.CoreModuleProperties
import java.nio.file.Files

/** Makes the MINA SSH client of one tunnel: its verifier, identities, agent, timeouts and keep-alives. */
internal object SshClients {
    /**
     * A started client. Its threads (MINA's I/O and timer pools) belong to the tunnel and end with [SshClient.stop].
     *
     * @throws dev.zmqkt.ssh.SshKeyFileException when a key file given cannot be read.
     */
    fun start(options: SshTunnelOptions): SshClient {
        val keys = KeyFiles.load(options.keyFiles, options.keyPassphrase)
        val client = SshClient.setUpDefaultClient()
        client.serverKeyVerifier = HostKeyChecks.verifier(options.knownHosts, options.acceptAnyHostKey)
        client.keyIdentityProvider = KeyIdentityProvider { keys }
        if (options.agent) {
            options.agentSocket?.takeIf { Files.exists(it) }?.let { client.agentFactory = UnixSocketAgentFactory(it) }
        }
        CoreModuleProperties.IO_CONNECT_TIMEOUT.set(client, options.timeout)
        CoreModuleProperties.AUTH_TIMEOUT.set(client, options.timeout)
        options.heartbeatInterval?.let {
            // A session whose server misses three keep-alive replies in a row is closed (and then reconnected).
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, it)
            CoreModuleProperties.HEARTBEAT_REPLY_WAIT.set(client, it)
            CoreModuleProperties.HEARTBEAT_NO_REPLY_MAX.set(client, 3)
        }
        client.start()
        return client
    }
}
