package dev.zmqkt.internal.sockets

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.LoadBalancer
import dev.zmqkt.internal.routing.PeerLink

/** DEALER (RFC 28): round-robins out, fair-queues in; messages pass unchanged. */
internal class DealerBehavior : SocketBehavior(SocketType.DEALER) {
    private val out = LoadBalancer()
    private val incoming = FairQueue()

    override fun attach(link: PeerLink): Boolean {
        out.add(link)
        incoming.add(link)
        return true
    }

    override fun detach(link: PeerLink) = out.remove(link)

    override fun trySend(message: Message): Boolean = out.trySend(message)

    override fun tryReceive(): Message? = incoming.tryReceive()
}
