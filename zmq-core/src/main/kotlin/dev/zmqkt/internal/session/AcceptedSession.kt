package dev.zmqkt.internal.session

import dev.zmqkt.SocketEventType
import dev.zmqkt.Metadata
import dev.zmqkt.internal.engine.ZmtpEngine
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.routing.PeerLink
import org.slf4j.LoggerFactory

/**
 * One connection accepted on a bound endpoint: runs its engine; the peer's link is made when the handshake
 * succeeds and ends with the connection (messages already received stay readable).
 */
internal class AcceptedSession(
    owner: SessionOwner,
    override val endpoint: String,
    private val connection: StreamConnection,
    private val connectionId: Long,
) : SessionEngineHost(owner, isServer = true) {
    private var link: PeerLink? = null

    suspend fun run() {
        try {
            val exit = ZmtpEngine(connection, this).run()
            // let go of the link before reporting, so the events match the socket's state
            releaseLink()
            events.reportExit(exit, endpoint, connectionId)
            log.debug("accepted connection {} on {} ended: {}", connection.peerDescription, endpoint, exit)
        } finally {
            connection.close()
            releaseLink()
        }
    }

    private fun releaseLink() {
        val l = link ?: return
        link = null
        owner.detach(l)
        l.closeFromPeer()
    }

    /** Reported once the peer is attached, so a monitor seeing it knows the peer is routable. */
    override fun handshakeSucceeded(peer: Metadata): PeerLink? {
        val created = owner.newLink(endpoint)
        created.routingId = peer.raw(Metadata.IDENTITY)?.takeIf { it.isNotEmpty() }
        if (!owner.attach(created)) return null
        link = created
        events.emit(SocketEventType.HANDSHAKE_SUCCEEDED, endpoint, 0)
        return created
    }

    private companion object {
        val log = LoggerFactory.getLogger(AcceptedSession::class.java)
    }
}
