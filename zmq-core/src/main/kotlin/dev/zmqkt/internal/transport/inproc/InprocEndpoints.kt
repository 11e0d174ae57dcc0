package dev.zmqkt.internal.transport.inproc

import dev.zmqkt.SocketEventType
import dev.zmqkt.ProtocolError
import dev.zmqkt.internal.codec.SocketTypeRules
import dev.zmqkt.internal.options.OptionTable
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.session.SessionOwner
import dev.zmqkt.internal.transport.EndpointHandle

/**
 * A socket bound to `inproc://name`. Connections reach it without any wire protocol: the two sockets share a
 * pair of [Pipe]s, and messages pass between them as objects, never copied.
 */
internal class InprocListener(val socket: SessionOwner, val name: String) : EndpointHandle {
    override val endpoint: String = "inproc://$name"
    private val connections = LinkedHashSet<InprocConnection>()

    fun start() {
        val waiting = socket.inproc.bind(this)
        socket.events.emit(SocketEventType.LISTENING, endpoint, 0)
        for (c in waiting) c.wire(this)
    }

    fun added(connection: InprocConnection) = synchronized(connections) { connections.add(connection) }

    fun removed(connection: InprocConnection) = synchronized(connections) { connections.remove(connection) }

    override fun close() {
        socket.inproc.unbind(this)
        val all = synchronized(connections) { connections.toList().also { connections.clear() } }
        for (c in all) c.end()
        socket.events.emit(SocketEventType.CLOSED, endpoint, 0)
    }

    override fun onSocketClose() {
        socket.inproc.unbind(this)
    }
}

/**
 * One inproc connection from [socket] to the socket bound at `inproc://name`. Made before the bind, the
 * connecting side's link exists at once (messages queue in it) and the bound side joins when it binds.
 *
 * The pipes' high-water marks are the sum of both sides' (sender's send HWM plus receiver's receive HWM, or no
 * limit when either is 0), as in libzmq. The same socket-type rules as over tcp apply.
 */
internal class InprocConnection(val socket: SessionOwner, val name: String) : EndpointHandle {
    override val endpoint: String = "inproc://$name"
    private val toBound = Pipe(socket.options.sendHighWaterMark, socket.conflates)
    private val fromBound = Pipe(socket.options.receiveHighWaterMark, socket.conflates)
    private val connectRoutingId = socket.options.connectRoutingId.also { if (it != null) socket.options.put(OptionTable.CONNECT_ROUTING_ID, null) }
    private var ourLink: PeerLink? = null
    private var theirLink: PeerLink? = null
    private var listener: InprocListener? = null

    fun start() {
        if (!socket.options.immediate && socket.linksBeforeConnection) {
            val link = socket.newLink(endpoint, fromBound, toBound).also { it.connectRoutingId = connectRoutingId }
            if (socket.attach(link)) ourLink = link
        }
        socket.inproc.connect(this)?.let { wire(it) }
    }

    /** Both ends exist: check the types, size the pipes, attach the bound side. */
    @Synchronized
    fun wire(bound: InprocListener) {
        val peer = bound.socket
        val ours = socket.type.zmtpName
        val theirs = peer.type.zmtpName
        if (!SocketTypeRules.compatible(ours, theirs)) {
            val code = ProtocolError.ZMTP_INVALID_METADATA.toLong()
            val reason = "a $theirs socket cannot talk to a $ours socket"
            socket.events.emit(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, endpoint, code, reason)
            peer.events.emit(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, bound.endpoint, code, reason)
            ourLink?.let { socket.detach(it) }
            ourLink = null
            return
        }
        toBound.hwm = sum(socket.options.sendHighWaterMark, peer.options.receiveHighWaterMark)
        fromBound.hwm = sum(peer.options.sendHighWaterMark, socket.options.receiveHighWaterMark)
        // a pipe conflates when the socket at either end does (the sender's outbound, or the receiver's inbound)
        toBound.conflate = socket.conflates || peer.conflates
        fromBound.conflate = socket.conflates || peer.conflates
        val link = ourLink ?: run {
            val created = socket.newLink(endpoint, fromBound, toBound).also { it.connectRoutingId = connectRoutingId }
            created.routingId = peer.options.routingId
            if (!socket.attach(created)) return
            ourLink = created
            created
        }
        link.routingId = peer.options.routingId
        val other = peer.newLink(bound.endpoint, toBound, fromBound)
        other.routingId = socket.options.routingId
        if (!peer.attach(other)) {
            socket.detach(link)
            link.closeFromPeer()
            ourLink = null
            return
        }
        theirLink = other
        listener = bound
        bound.added(this)
        // Whichever socket closes its side first makes the other let go of its side.
        link.onClosedFromSocket = { peer.detach(other) }
        other.onClosedFromSocket = { socket.detach(link) }
        socket.events.emit(SocketEventType.CONNECTED, endpoint, 0)
        peer.events.emit(SocketEventType.ACCEPTED, bound.endpoint, 0)
        socket.events.emit(SocketEventType.HANDSHAKE_SUCCEEDED, endpoint, 0)
        peer.events.emit(SocketEventType.HANDSHAKE_SUCCEEDED, bound.endpoint, 0)
    }

    /**
     * Ends the connection from outside both sockets (unbind): neither can send on it any more, and each still
     * receives what was already sent to it.
     */
    @Synchronized
    fun end() {
        ourLink?.let { socket.detach(it) }
        theirLink?.let { listener?.socket?.detach(it) }
        toBound.closeWriter()
        fromBound.closeWriter()
        ourLink = null
        theirLink = null
    }

    /** disconnect(): our side closes; the bound side drains what was sent and lets go. */
    @Synchronized
    override fun close() {
        socket.inproc.cancel(this)
        listener?.removed(this)
        ourLink?.let {
            socket.detach(it)
            it.closeFromSocket()
        }
        ourLink = null
    }

    override fun onSocketClose() {
        socket.inproc.cancel(this)
        listener?.removed(this)
    }

    private fun sum(a: Int, b: Int) = if (a == 0 || b == 0) 0 else a + b
}
