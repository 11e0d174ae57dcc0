@file:OptIn(dev.zmqkt.DelicateZmqApi::class)

package dev.zmqkt.internal.sockets

import dev.zmqkt.Frame
import dev.zmqkt.HostUnreachableException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.routing.RoutingId

/**
 * ROUTER (RFC 28; libzmq's router_t): names each peer by a routing id (the one set with connectRoutingId, else
 * the one the peer announced, else a generated one), prefixes received messages with the sender's id, and
 * sends each message to the peer its first frame names.
 *
 * Unroutable messages are dropped, as are messages to a peer whose queue is full, unless `routerMandatory` is
 * set: then an unknown peer raises [HostUnreachableException] and a full queue makes the send wait.
 */
internal class RouterBehavior(private val options: OptionValues) : SocketBehavior(SocketType.ROUTER) {
    private val incoming = FairQueue()
    private val byId = HashMap<RoutingId, PeerLink>()
    private val generated = RoutingId.Generator()

    override fun attach(link: PeerLink): Boolean {
        val wanted = link.connectRoutingId ?: link.routingId
        val id = if (wanted == null) generated.next() else RoutingId(wanted)
        val holder = byId[id]
        if (holder != null) {
            if (!options.routerHandover) return false
            val renamed = generated.next()
            holder.assignedRoutingId = renamed
            byId[renamed] = holder
        }
        link.assignedRoutingId = id
        byId[id] = link
        incoming.add(link)
        return true
    }

    override fun detach(link: PeerLink) {
        val id = link.assignedRoutingId ?: return
        if (byId[id] === link) byId.remove(id)
    }

    override fun tryReceive(): Message? {
        val message = incoming.tryReceive() ?: return null
        val from = incoming.lastLink!!.assignedRoutingId!!
        return message.prepend(Frame.of(from.bytes))
    }

    override fun trySend(message: Message): Boolean {
        val id = RoutingId(message[0].bytes())
        val link = byId[id]
        if (link == null) {
            if (options.routerMandatory) throw HostUnreachableException("no peer with routing id $id")
            return true // dropped, as libzmq does
        }
        if (message.size == 1) return true // a routing id with no body: nothing to send
        return when (link.outbound.offer(message.drop(1))) {
            Pipe.ACCEPTED -> true
            Pipe.FULL -> !options.routerMandatory // dropped unless mandatory, which waits
            else -> {
                byId.remove(id)
                if (options.routerMandatory) throw HostUnreachableException("the peer with routing id $id is gone")
                true
            }
        }
    }
}
