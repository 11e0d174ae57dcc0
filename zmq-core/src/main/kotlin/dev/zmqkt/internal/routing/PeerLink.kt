package dev.zmqkt.internal.routing

import dev.zmqkt.internal.pipe.Pipe

/**
 * A socket's link to one peer: a [Pipe] each way (libzmq's pipe pair). The socket writes [outbound] and reads
 * [inbound]; the other ends belong to the peer's engine (or, for inproc, to the peer socket itself).
 *
 * A link made by `connect` outlives reconnections: messages queued to it wait for the next connection. A link
 * made for an accepted connection ends with that connection.
 */
internal class PeerLink(
    /** Messages from the peer. */
    val inbound: Pipe,
    /** Messages to the peer. */
    val outbound: Pipe,
    /** The endpoint the link belongs to, for events and logs. */
    val endpoint: String,
) {
    /** The routing id the peer announced, or one the socket assigned; null when neither exists. */
    @Volatile
    var routingId: ByteArray? = null

    /** True once the socket has let go of the link (closed or detached); set under the socket's lock. */
    var detached: Boolean = false

    /** The routing id a ROUTER gives this peer instead of the one it announces (ZMQ_CONNECT_ROUTING_ID). */
    var connectRoutingId: ByteArray? = null

    /** The routing id a ROUTER socket assigned to this link; touched only under that socket's lock. */
    var assignedRoutingId: RoutingId? = null

    /** Scratch mark for the publisher's distributor (which links one message goes to); under the socket's lock. */
    var distributionMark: Long = 0

    /** The fair queue this link's inbound messages are read through; told when they arrive (any thread). */
    @Volatile
    var readableWatcher: ReadableWatcher? = null

    /** Whether the link is in its fair queue's round (may have messages); under the socket's lock. */
    var inRound: Boolean = false

    /** Called after the socket's side closed the link, so an inproc peer socket can let go of its side too. */
    @Volatile
    var onClosedFromSocket: (() -> Unit)? = null

    /** Ends the socket's side: nothing more will be sent; what is queued outbound may still be delivered (linger). */
    fun closeFromSocket() {
        outbound.closeWriter()
        inbound.closeReader()
        onClosedFromSocket?.invoke()
    }

    /** Ends the peer's side: the connection is gone. Queued inbound messages stay readable; outbound ones are dropped. */
    fun closeFromPeer() {
        inbound.closeWriter()
        outbound.closeReader()
    }

    /** Tells [readableWatcher], if any, that inbound messages arrived (or the peer's side closed). */
    fun inboundReadable() {
        readableWatcher?.linkReadable(this)
    }

    override fun toString(): String = "PeerLink($endpoint)"

    /** Hears that a link's inbound pipe became readable; called on the writer's thread, must not block. */
    fun interface ReadableWatcher {
        fun linkReadable(link: PeerLink)
    }
}
