@file:OptIn(dev.zmqkt.DelicateZmqApi::class)

package dev.zmqkt.internal.sockets

import dev.zmqkt.Frame
import dev.zmqkt.InvalidStateException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.LoadBalancer
import dev.zmqkt.internal.routing.PeerLink
import java.util.concurrent.ThreadLocalRandom

/**
 * REQ (RFC 28; libzmq's req_t): send a request, then receive its reply, strictly in turn (else
 * [InvalidStateException], libzmq's EFSM). Each request gets an empty delimiter frame in front and goes to one
 * peer, round-robin; only a reply from that peer is accepted, with its delimiter removed. Anything else that
 * arrives is dropped.
 *
 * `requestRelaxed` allows a new request while waiting (the old reply will be ignored); `requestCorrelate` puts a
 * request id in front of the delimiter and accepts only the reply that carries it back.
 */
internal class ReqBehavior(private val options: OptionValues) : SocketBehavior(SocketType.REQ) {
    private val out = LoadBalancer()
    private val incoming = FairQueue()
    private var awaitingReply = false
    private var replyFrom: PeerLink? = null
    private var requestId = ThreadLocalRandom.current().nextInt()
    private var expectedId: ByteArray? = null

    override fun attach(link: PeerLink): Boolean {
        out.add(link)
        incoming.add(link)
        return true
    }

    override fun detach(link: PeerLink) = out.remove(link)

    override fun trySend(message: Message): Boolean {
        if (awaitingReply && !options.requestRelaxed) {
            throw InvalidStateException("a REQ socket must receive the reply before sending another request")
        }
        val correlate = options.requestCorrelate
        val id = if (correlate) intBytes(requestId + 1) else null
        val envelope = if (id != null) arrayOf(Frame.of(id), Frame.EMPTY) else arrayOf(Frame.EMPTY)
        if (!out.trySend(Message.wrap(envelope + message.parts))) return false
        if (correlate) requestId++
        expectedId = id
        replyFrom = out.lastLink
        awaitingReply = true
        return true
    }

    override fun tryReceive(): Message? {
        if (!awaitingReply) throw InvalidStateException("a REQ socket must send a request before receiving")
        while (true) {
            val message = incoming.tryReceive() ?: return null
            if (incoming.lastLink !== replyFrom) continue // a late reply from another peer
            var at = 0
            val id = expectedId
            if (id != null) {
                if (!message[0].bytes().contentEquals(id)) continue // a reply to an earlier request
                at = 1
            }
            if (message.size <= at + 1 || !message[at].isEmpty) continue // no delimiter or no body: malformed
            awaitingReply = false
            replyFrom = null
            return message.drop(at + 1)
        }
    }

    private fun intBytes(n: Int) = byteArrayOf((n ushr 24).toByte(), (n ushr 16).toByte(), (n ushr 8).toByte(), n.toByte())
}
