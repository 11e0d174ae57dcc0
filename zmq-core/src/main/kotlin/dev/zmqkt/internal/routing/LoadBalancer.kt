package dev.zmqkt.internal.routing

import dev.zmqkt.Message
import dev.zmqkt.internal.pipe.Pipe

/**
 * Round-robin over the links whose outbound pipe has room (libzmq's `lb_t`; PUSH and DEALER sends). A link whose
 * pipe is full is skipped; a link whose peer is gone is dropped. Not thread-safe: the socket's lock guards it.
 */
internal class LoadBalancer {
    private val links = ArrayList<PeerLink>()
    private var next = 0

    /** The link the last message from [trySend] went to. */
    var lastLink: PeerLink? = null
        private set

    val isEmpty: Boolean get() = links.isEmpty()

    fun add(link: PeerLink) {
        links.add(link)
    }

    fun remove(link: PeerLink) {
        val index = links.indexOf(link)
        if (index < 0) return
        links.removeAt(index)
        if (next > index) next--
        if (next >= links.size) next = 0
    }

    /** Queues [message] to the next link with room; false when none has room (or there are no links). */
    fun trySend(message: Message): Boolean {
        var tried = 0
        while (tried < links.size) {
            if (next >= links.size) next = 0
            val link = links[next]
            when (link.outbound.offer(message)) {
                Pipe.ACCEPTED -> {
                    lastLink = link
                    next = if (next + 1 >= links.size) 0 else next + 1
                    return true
                }
                Pipe.FULL -> {
                    next = if (next + 1 >= links.size) 0 else next + 1
                    tried++
                }
                else -> links.removeAt(next) // the peer is gone; try the one that took its place
            }
        }
        return false
    }
}
