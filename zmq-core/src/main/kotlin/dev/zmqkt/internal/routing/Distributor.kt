package dev.zmqkt.internal.routing

import dev.zmqkt.Message
import dev.zmqkt.internal.pipe.Pipe

/**
 * Sends one message to many links (libzmq's dist_t; PUB and XPUB): to those whose subscriptions match its first
 * frame (or, inverted, to those none of whose match). The message object is shared, never copied.
 *
 * A link whose queue is full misses the message, so one slow subscriber never holds up the others; in no-drop
 * mode the message goes to no one unless every target has room, and the send waits.
 */
internal class Distributor {
    private val links = ArrayList<PeerLink>()
    private var generation = 0L

    fun add(link: PeerLink) {
        links.add(link)
    }

    fun remove(link: PeerLink) {
        links.remove(link)
    }

    /** Sends [message] to the links [subscribers] match; false only in [noDrop] mode when a target is full. */
    fun send(message: Message, subscribers: SubscriberTrie, invert: Boolean, noDrop: Boolean): Boolean {
        val mark = ++generation
        subscribers.forEachMatch(message[0]) { it.distributionMark = mark }
        if (noDrop) {
            for (link in links) {
                if (isTarget(link, mark, invert) && link.outbound.isFullWaiting()) return false
            }
        }
        var i = 0
        while (i < links.size) {
            val link = links[i]
            if (isTarget(link, mark, invert) && link.outbound.offer(message) == Pipe.CLOSED) {
                links.removeAt(i)
                continue
            }
            i++
        }
        return true
    }

    /** Sends [message] to every link, ignoring subscriptions (XSUB upstream). */
    fun sendToAll(message: Message, ignoreHwm: Boolean) {
        var i = 0
        while (i < links.size) {
            if (links[i].outbound.offer(message, ignoreHwm) == Pipe.CLOSED) {
                links.removeAt(i)
                continue
            }
            i++
        }
    }

    private fun isTarget(link: PeerLink, mark: Long, invert: Boolean) = (link.distributionMark == mark) != invert
}
