package dev.zmqkt.internal.sockets

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.PeerLink

/** PULL (RFC 30): fair-queues messages from its peers; never sends. */
internal class PullBehavior : SocketBehavior(SocketType.PULL) {
    private val incoming = FairQueue()

    override fun attach(link: PeerLink): Boolean {
        incoming.add(link)
        return true
    }

    // The fair queue drops the link by itself once its last message is read.
    override fun detach(link: PeerLink) {}

    override fun tryReceive(): Message? = incoming.tryReceive()
}
