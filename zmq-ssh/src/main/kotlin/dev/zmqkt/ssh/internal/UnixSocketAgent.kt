package dev.zmqkt.ssh.internal

import org.apache.sshd.agent.SshAgent
import org.apache.sshd.agent.SshAgentFactory
import org.apache.sshd.agent.SshAgentServer
import org.apache.sshd.agent.common.AbstractAgentProxy
import org.apache.sshd.common.FactoryManager
import org.apache.sshd.common.channel.ChannelFactory
import org.apache.sshd.common.session.ConnectionService
import org.apache.sshd.common.session.Session
import org.apache.sshd.common.util.buffer.Buffer
import org.apache.sshd.common.util.buffer.ByteArrayBuffer
import java.io.EOFException
import java.io.IOException
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.ByteBuffer
import java.nio.channels.SocketChannel
import java.nio.file.Path

/**
 * A client of the SSH agent at [socket] (OpenSSH's `ssh-agent`, `SSH_AUTH_SOCK`), over the JDK's own Unix domain
 * sockets: MINA's Unix agent client needs Tomcat's native APR library, which zmq-kt does not use. MINA's
 * [AbstractAgentProxy] writes the agent protocol's requests (list the keys, sign); this class carries them: one
 * length-prefixed request written, one length-prefixed answer read, on a connection opened per client.
 */
internal class UnixSocketAgent(private val socket: Path) : AbstractAgentProxy(null) {
    private val lock = Any()
    private var channel: SocketChannel? = null

    @Volatile
    private var closed = false

    override fun isOpen(): Boolean = !closed

    override fun request(buffer: Buffer): Buffer = synchronized(lock) {
        if (closed) throw IOException("the SSH agent client is closed")
        val open = channel ?: SocketChannel.open(StandardProtocolFamily.UNIX).also {
            it.connect(UnixDomainSocketAddress.of(socket))
            channel = it
        }
        // The buffer holds a 4-byte length (filled here) and the request.
        val end = buffer.wpos()
        buffer.wpos(0)
        buffer.putUInt((end - 4).toLong())
        buffer.wpos(end)
        val out = ByteBuffer.wrap(buffer.array(), buffer.rpos(), buffer.available())
        while (out.hasRemaining()) open.write(out)
        val length = readFully(open, 4).int
        if (length < 0 || length > MAX_ANSWER) throw IOException("bad SSH agent answer length $length")
        ByteArrayBuffer(readFully(open, length).array())
    }

    private fun readFully(channel: SocketChannel, n: Int): ByteBuffer {
        val bytes = ByteBuffer.allocate(n)
        while (bytes.hasRemaining()) {
            if (channel.read(bytes) < 0) throw EOFException("the SSH agent closed the connection")
        }
        return bytes.flip()
    }

    override fun close() {
        synchronized(lock) {
            closed = true
            channel?.close()
        }
        super.close()
    }

    override fun toString(): String = "UnixSocketAgent($socket)"

    private companion object {
        const val MAX_ANSWER = 256 * 1024
    }
}

/** Makes a [UnixSocketAgent] for each session that authenticates; no agent forwarding. */
internal class UnixSocketAgentFactory(private val socket: Path) : SshAgentFactory {
    override fun getChannelForwardingFactories(manager: FactoryManager): List<ChannelFactory> = emptyList()

    override fun createClient(session: Session, manager: FactoryManager): SshAgent = UnixSocketAgent(socket)

    override fun createServer(service: ConnectionService): SshAgentServer =
        throw UnsupportedOperationException("zmq-kt does not forward the SSH agent")
}
