package dev.zmqkt.internal.sockets

import dev.zmqkt.Frame
import dev.zmqkt.InvalidStateException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.PeerLink

/**
 * REP (RFC 28; libzmq's rep_t): receive one request (fair-queued), then send its reply, strictly in turn (else
 * [InvalidStateException]). The request's envelope (every frame up to and including the first empty one) is
 * kept and put back in front of the reply, which goes to the peer the request came from. Requests without an
 * envelope are dropped. A reply whose peer is gone or full is dropped, as libzmq does.
 */
internal class RepBehavior : SocketBehavior(SocketType.REP) {
    private val incoming = FairQueue()
    private var replyTo: PeerLink? = null
    private var envelope: Array<Frame>? = null

    override fun attach(link: PeerLink): Boolean {
        incoming.add(link)
        return true
    }

    // The fair queue drops the link by itself once its last message is read.
    override fun detach(link: PeerLink) {}

    override fun tryReceive(): Message? {
        if (replyTo != null) {
            throw InvalidStateException("a REP socket must send the reply before receiving the next request")
        }
        while (true) {
            val message = incoming.tryReceive() ?: return null
            val parts = message.parts
            val delimiter = parts.indexOfFirst { it.isEmpty }
            if (delimiter < 0 || delimiter == parts.size - 1) continue // malformed: no envelope, or no body
            replyTo = incoming.lastLink
            envelope = parts.copyOfRange(0, delimiter + 1)
            return Message.wrap(parts.copyOfRange(delimiter + 1, parts.size), message.metadata)
        }
    }

    override fun trySend(message: Message): Boolean {
        val link = replyTo ?: throw InvalidStateException("a REP socket must receive a request before sending a reply")
        link.outbound.offer(Message.wrap(envelope!! + message.parts))
        replyTo = null
        envelope = null
        return true
    }
}
