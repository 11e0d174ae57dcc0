package dev.zmqkt.internal.routing

import dev.zmqkt.Message
import dev.zmqkt.internal.pipe.PeerLink

/**
 * Takes messages from several links in turn, one message per link per round, skipping links with nothing
 * queued (libzmq's `fq_t`; PULL and DEALER receives). A link is dropped once its peer is gone and its queue is
 * drained. Not thread-safe: the socket's lock guards it.
 */
internal class FairQueue {
    private val links = ArrayList<PeerLink>()
    private var next = 0

    /** The link the last message from [tryReceive] came from. */
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

    fun tryReceive(): Message? {
        var tried = 0
        while (tried < links.size) {
            if (next >= links.size) next = 0
            val link = links[next]
            val message = link.inbound.poll()
            if (message != null) {
                lastLink = link
                next = if (next + 1 >= links.size) 0 else next + 1
                return message
            }
            if (link.inbound.isFinished()) {
                links.removeAt(next)
            } else {
                next = if (next + 1 >= links.size) 0 else next + 1
                tried++
            }
        }
        return null
    }
}
