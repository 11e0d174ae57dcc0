package dev.zmqkt.internal.sockets

import dev.zmqkt.internal.codec.Subscriptions
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.routing.Distributor
import dev.zmqkt.internal.routing.FairQueue
import dev.zmqkt.internal.routing.SubscriberTrie

/**
 * PUB and XPUB (RFC 29; libzmq's pub_t/xpub_t): each message goes to the subscribers whose subscriptions match
 * it; a subscriber whose queue is full misses it (PUB never blocks), unless XPUB's no-drop mode is on.
 *
 * Subscriptions arrive on the inbound queues and are applied as soon as they arrive. XPUB also hands them to
 * the user: new prefixes and last cancels by default, every subscription with `xpubVerbose`, every cancel as well
 * with `xpubVerboser`; in `xpubManual` mode every one, applied only when the user subscribes the last sender.
 * XPUB greets each new subscriber with the welcome message when one is set. Other messages subscribers send
 * upstream (from an XSUB) go to the XPUB user; PUB drops them.
 */
internal class PublisherBehavior(type: SocketType, private val options: OptionValues) : SocketBehavior(type) {
    private val isXpub = type == SocketType.XPUB
    private val subscribers = SubscriberTrie()
    private val out = Distributor()
    private val upstream = FairQueue()
    private val forUser = ArrayDeque<Message>()
    private var lastSender: PeerLink? = null

    override val readsInboundEagerly: Boolean get() = true

    override fun attach(link: PeerLink): Boolean {
        out.add(link)
        upstream.add(link)
        if (isXpub) options.xpubWelcomeMessage?.let { link.outbound.offer(Message.of(it), ignoreHwm = true) }
        readInbound() // anything already there; this also makes the new queue report future arrivals
        return true
    }

    override fun detach(link: PeerLink) {
        out.remove(link)
        subscribers.removeAll(link) { prefix ->
            if (isXpub && !options.xpubManual) forUser.addLast(Subscriptions.message(Subscriptions.CANCEL, prefix))
        }
        if (lastSender === link) lastSender = null
    }

    override fun readInbound(): Boolean {
        while (true) {
            val message = upstream.tryReceive() ?: break
            val from = upstream.lastLink!!
            if (!Subscriptions.isSubscription(message)) {
                if (isXpub) forUser.addLast(message)
                continue
            }
            if (options.xpubManual) {
                if (isXpub) forUser.addLast(message)
                lastSender = from
                continue
            }
            val prefix = Subscriptions.prefixOf(message)
            val notify = if (message[0][0] == Subscriptions.SUBSCRIBE) {
                subscribers.add(prefix, from) || options.xpubVerbose || options.xpubVerboser
            } else {
                subscribers.remove(prefix, from) || options.xpubVerboser
            }
            if (isXpub && notify) forUser.addLast(message)
        }
        return forUser.isNotEmpty()
    }

    override fun trySend(message: Message): Boolean {
        readInbound() // apply every subscription that has arrived, so none is missed
        return out.send(message, subscribers, options.invertMatching, noDrop = options.xpubNoDrop)
    }

    override fun tryReceive(): Message? {
        if (!isXpub) return super.tryReceive()
        readInbound()
        return forUser.removeFirstOrNull()
    }

    override fun subscribe(prefix: ByteArray) = manual(prefix, subscribe = true)

    override fun unsubscribe(prefix: ByteArray) = manual(prefix, subscribe = false)

    /** XPUB manual mode: apply a subscription for the subscriber whose subscription the user received last. */
    private fun manual(prefix: ByteArray, subscribe: Boolean) {
        if (!isXpub || !options.xpubManual) {
            if (subscribe) super.subscribe(prefix) else super.unsubscribe(prefix)
        }
        val link = lastSender ?: return
        if (subscribe) subscribers.add(prefix, link) else subscribers.remove(prefix, link)
    }
}
