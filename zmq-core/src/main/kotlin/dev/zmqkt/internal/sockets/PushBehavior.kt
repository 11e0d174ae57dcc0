package dev.zmqkt.internal.sockets

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.routing.LoadBalancer
import dev.zmqkt.internal.routing.PeerLink

/** PUSH (RFC 30): round-robins each message to one peer with room; never receives. */
internal class PushBehavior : SocketBehavior(SocketType.PUSH) {
    private val out = LoadBalancer()

    override fun attach(link: PeerLink): Boolean {
        out.add(link)
        return true
    }

    override fun detach(link: PeerLink) = out.remove(link)

    override fun trySend(message: Message): Boolean = out.trySend(message)
}
