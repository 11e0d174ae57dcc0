package dev.zmqkt.internal.sockets

import dev.zmqkt.internal.codec.Subscriptions
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.routing.Distributor
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.TopicFilter

/**
 * SUB and XSUB (RFC 29; libzmq's sub_t/xsub_t): subscriptions are counted locally and sent to every publisher:
 * each subscribe goes upstream, a cancel only when the last subscription to that prefix is gone. A new or
 * reconnected publisher gets every current subscription. Received messages are filtered here too, so only
 * subscribed topics reach the user whatever the publisher does.
 *
 * XSUB takes subscriptions as messages (`0x01`/`0x00` + prefix) and sends any other message upstream as is.
 * Subscription messages are never dropped for a full queue.
 */
internal class SubscriberBehavior(type: SocketType, private val options: OptionValues) : SocketBehavior(type) {
    private val filter = TopicFilter()
    private val upstream = Distributor()
    private val incoming = FairQueue()

    override fun attach(link: PeerLink): Boolean {
        upstream.add(link)
        incoming.add(link)
        sendSubscriptionsTo(link)
        return true
    }

    override fun detach(link: PeerLink) = upstream.remove(link)

    override fun reconnected(link: PeerLink) = sendSubscriptionsTo(link)

    override fun subscribe(prefix: ByteArray) {
        filter.add(prefix)
        upstream.sendToAll(Subscriptions.message(Subscriptions.SUBSCRIBE, prefix), ignoreHwm = true)
    }

    override fun unsubscribe(prefix: ByteArray) {
        if (filter.remove(prefix)) {
            upstream.sendToAll(Subscriptions.message(Subscriptions.CANCEL, prefix), ignoreHwm = true)
        }
    }

    override fun trySend(message: Message): Boolean {
        if (type == SocketType.SUB) return super.trySend(message)
        if (Subscriptions.isSubscription(message)) {
            val prefix = Subscriptions.prefixOf(message)
            if (message[0][0] == Subscriptions.SUBSCRIBE) subscribe(prefix) else unsubscribe(prefix)
        } else {
            upstream.sendToAll(message, ignoreHwm = false)
        }
        return true
    }

    override fun tryReceive(): Message? {
        while (true) {
            val message = incoming.tryReceive() ?: return null
            if (filter.accepts(message, options.invertMatching)) return message
        }
    }

    private fun sendSubscriptionsTo(link: PeerLink) {
        for (prefix in filter.prefixes()) {
            link.outbound.offer(Subscriptions.message(Subscriptions.SUBSCRIBE, prefix), ignoreHwm = true)
        }
    }
}
