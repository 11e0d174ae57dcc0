package dev.zmqkt.internal.sockets

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.routing.FairQueue

/**
 * PAIR (RFC 31): exactly one peer at a time, both directions. A second peer is refused while the first is
 * attached. When the peer goes, the messages it already sent can still be received; a new peer may attach.
 */
internal class PairBehavior : SocketBehavior(SocketType.PAIR) {
    private var peer: PeerLink? = null

    // Holds the current peer and, until drained, a departed one; so messages from a departed peer still arrive.
    private val incoming = FairQueue()

    override fun attach(link: PeerLink): Boolean {
        if (peer != null) return false
        peer = link
        incoming.add(link)
        return true
    }

    override fun detach(link: PeerLink) {
        if (peer === link) peer = null
    }

    override fun trySend(message: Message): Boolean {
        val link = peer ?: return false
        return when (link.outbound.offer(message)) {
            Pipe.ACCEPTED -> true
            Pipe.FULL -> false
            else -> {
                peer = null
                false
            }
        }
    }

    override fun tryReceive(): Message? = incoming.tryReceive()
}
