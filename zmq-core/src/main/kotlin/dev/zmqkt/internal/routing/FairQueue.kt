package dev.zmqkt.internal.routing

import dev.zmqkt.Message
import java.util.concurrent.ConcurrentLinkedQueue

/**
 * Takes messages from several links in turn, one message per link per round (libzmq's `fq_t`; PULL and DEALER
 * receives, and every other type's inbound side). A link is dropped once its peer is gone and its queue is
 * drained.
 *
 * Only links that may have messages are visited: a link whose pipe is found empty leaves the round, and comes
 * back when its pipe reports that messages arrived ([linkReadable]). So a receive costs the same with 10 peers or
 * 10,000 of which a few are talking.
 *
 * ### Concurrency
 * Everything but [linkReadable] runs under the socket's lock. [linkReadable] is called from the thread that wrote
 * to the pipe and only queues the link for the next [tryReceive]. A pipe found empty is marked as having a
 * waiting reader by that same poll, so a message written after it always brings the link back.
 */
internal class FairQueue : PeerLink.ReadableWatcher {
    /** Links that may have messages, in round-robin order. */
    private val active = ArrayList<PeerLink>()
    private var next = 0

    /** Links whose pipes reported messages since they left the round; from any thread. */
    private val woken = ConcurrentLinkedQueue<PeerLink>()

    /** The link the last message from [tryReceive] came from. */
    var lastLink: PeerLink? = null
        private set

    fun add(link: PeerLink) {
        link.readableWatcher = this
        link.inRound = true
        active.add(link)
    }

    fun remove(link: PeerLink) {
        if (link.readableWatcher === this) link.readableWatcher = null
        if (!link.inRound) return
        link.inRound = false
        val index = active.indexOf(link)
        if (index < 0) return
        active.removeAt(index)
        if (next > index) next--
        if (next >= active.size) next = 0
    }

    override fun linkReadable(link: PeerLink) {
        woken.add(link)
    }

    fun tryReceive(): Message? {
        rejoinWoken()
        while (active.isNotEmpty()) {
            if (next >= active.size) next = 0
            val link = active[next]
            val message = link.inbound.poll()
            if (message != null) {
                lastLink = link
                next = if (next + 1 >= active.size) 0 else next + 1
                return message
            }
            if (link.inbound.isFinished()) {
                link.readableWatcher = null // drained and its peer is gone: it never comes back
            }
            leaveRound(next)
        }
        return null
    }

    /** Takes the link at [index] out of the round, in O(1): the last active link takes its place. */
    private fun leaveRound(index: Int) {
        val last = active.size - 1
        active[index].inRound = false
        active[index] = active[last]
        active.removeAt(last)
    }

    private fun rejoinWoken() {
        while (true) {
            val link = woken.poll() ?: return
            if (link.inRound || link.readableWatcher !== this) continue
            link.inRound = true
            active.add(link)
        }
    }
}
