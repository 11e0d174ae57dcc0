package dev.zmqkt.internal.session

import dev.zmqkt.SocketEventType
import dev.zmqkt.Metadata
import dev.zmqkt.internal.engine.EngineExit
import dev.zmqkt.internal.engine.ZmtpEngine
import dev.zmqkt.internal.options.OptionTable
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.transport.Dialer
import dev.zmqkt.internal.transport.EndpointHandle
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.io.IOException

/**
 * The connecting side of one endpoint (libzmq's session plus connecter): connects, runs an engine per
 * connection, and reconnects with [ReconnectBackoff] when the connection fails or is lost.
 *
 * Unless `immediate` is set, the link to the peer exists from `connect()` on and survives reconnections, so
 * messages sent before the peer is there wait in it (RFC 30/31: the queue is kept whether or not the connection
 * is established). With `immediate`, the link exists only while a connection does.
 */
internal class ConnectSession(
    owner: SessionOwner,
    override val endpoint: String,
    private val dialer: Dialer,
) : SessionEngineHost(owner, isServer = false), EndpointHandle {

    @Volatile
    private var link: PeerLink? = null

    @Volatile
    private var connected = false

    /** Handshakes completed so far on the link that outlives connections. */
    private var connections = 0
    private lateinit var job: Job

    /** The routing id a ROUTER gives this peer (ZMQ_CONNECT_ROUTING_ID), taken from the socket at connect time. */
    private val connectRoutingId: ByteArray? = owner.options.connectRoutingId.also {
        if (it != null) owner.options.put(OptionTable.CONNECT_ROUTING_ID, null)
    }

    /** Whether the link lives from connect() on (kept across reconnections) or only while connected. */
    private val linkOutlivesConnections = !options.immediate && owner.linksBeforeConnection

    fun start() {
        if (linkOutlivesConnections) {
            val created = newLink()
            if (owner.attach(created)) link = created
        }
        job = owner.scope.launch { runLoop() }
    }

    private fun newLink(): PeerLink = owner.newLink(endpoint).also { it.connectRoutingId = connectRoutingId }

    private suspend fun runLoop() {
        val backoff = ReconnectBackoff(options.reconnectInterval, options.reconnectIntervalMax)
        val failures = ConnectFailures(endpoint)
        var first = true
        try {
            while (true) {
                if (shouldStop()) return
                if (!first) {
                    if (!backoff.enabled) {
                        log.debug("not reconnecting to {} (no reconnect interval): {}", endpoint, failures.lastReason)
                        return
                    }
                    val wait = backoff.next()
                    events.emit(SocketEventType.CONNECT_RETRIED, endpoint, wait, failures.lastReason)
                    delay(wait)
                    if (shouldStop()) return
                }
                first = false
                val connection = try {
                    dialer.dial { events.emit(SocketEventType.CONNECT_DELAYED, endpoint, 0) }
                } catch (e: IOException) {
                    failures.attemptFailed(e)
                    continue
                }
                backoff.reset()
                failures.connected()
                val id = owner.nextConnectionId()
                events.emit(SocketEventType.CONNECTED, endpoint, id)
                connected = true
                val exit = try {
                    ZmtpEngine(connection, this).run()
                } finally {
                    connected = false
                }
                // let go of a per-connection link before reporting, so the events match the socket's state
                if (!linkOutlivesConnections) dropLink()
                events.reportExit(exit, endpoint, id)
                log.debug("connection to {} ended: {}", endpoint, exit)
                failures.connectionEnded(exit.description)
                if (exit is EngineExit.Finished || !exit.allowsReconnect) return
            }
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            // ERROR: connect failures and connection ends are handled above; reaching here is a bug in zmq-kt
            log.error("session for {} failed", endpoint, e)
        } finally {
            dropLink()
        }
    }

    /** Stop once the socket is closed and nothing is left to deliver. */
    private fun shouldStop(): Boolean {
        if (!owner.isClosed) return false
        val l = link
        return l == null || l.outbound.isFinished()
    }

    /** Reported once the peer is attached, so a monitor seeing it knows the peer is routable. */
    override fun handshakeSucceeded(peer: Metadata): PeerLink? {
        val identity = peer.raw(Metadata.IDENTITY)?.takeIf { it.isNotEmpty() }
        link?.let {
            it.routingId = identity
            if (connections++ > 0) owner.reconnected(it) // e.g. a SUB re-sends its subscriptions
            events.emit(SocketEventType.HANDSHAKE_SUCCEEDED, endpoint, 0)
            return it
        }
        if (owner.isClosed) return null
        val created = newLink()
        created.routingId = identity // before attaching: a ROUTER names the peer by it
        if (!owner.attach(created)) return null
        link = created
        events.emit(SocketEventType.HANDSHAKE_SUCCEEDED, endpoint, 0)
        return created
    }

    private fun dropLink() {
        val l = link ?: return
        link = null
        owner.detach(l)
        l.closeFromPeer()
    }

    override fun close() {
        // disconnect(): what was received but not read is discarded; queued outbound messages get the linger time.
        val l = link
        if (l != null) {
            owner.detach(l)
            l.closeFromSocket()
        }
        val linger = options.linger
        if (!connected || l == null || (linger != null && linger.isZero)) {
            job.cancel()
        } else if (linger != null) {
            owner.scope.launch {
                delay(linger.toMillis())
                job.cancel()
            }
        }
        events.emit(SocketEventType.CLOSED, endpoint, 0)
    }

    override fun onSocketClose() {
        if (!connected && shouldStop()) job.cancel()
    }

    private companion object {
        val log = LoggerFactory.getLogger(ConnectSession::class.java)
    }
}
