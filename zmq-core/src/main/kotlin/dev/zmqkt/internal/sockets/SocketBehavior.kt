package dev.zmqkt.internal.sockets

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.Message
import dev.zmqkt.OperationNotSupportedException
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.routing.PeerLink

/**
 * What makes one socket type different from another: how it takes on peers and how it routes outgoing and
 * incoming messages. Each type composes the routing strategies in `internal/routing`.
 *
 * Every method runs under the socket's lock and must not suspend or block.
 */
internal abstract class SocketBehavior(val type: SocketType) {
    /** A peer's link is ready. Returns false to refuse it (PAIR with a peer already). */
    abstract fun attach(link: PeerLink): Boolean

    /** A peer's connection is gone; the link's inbound queue may still hold messages to deliver. */
    abstract fun detach(link: PeerLink)

    /** Queues [message] for sending; false when it cannot be queued now. */
    open fun trySend(message: Message): Boolean =
        throw OperationNotSupportedException("a ${type.name} socket cannot send")

    /** The next received message, or null when none is ready. */
    open fun tryReceive(): Message? =
        throw OperationNotSupportedException("a ${type.name} socket cannot receive")

    /**
     * True for types that must read their inbound queues as soon as something arrives, not only when the user
     * receives: publishers, whose subscribers' subscriptions decide where every message goes.
     */
    open val readsInboundEagerly: Boolean get() = false

    /** Reads what arrived (for [readsInboundEagerly] types); returns true when the user has something to receive. */
    open fun readInbound(): Boolean = false

    /** A link came back after its connection was lost and remade (subscribers re-send their subscriptions). */
    open fun reconnected(link: PeerLink) {}

    /** Subscribes to messages starting with [prefix] (SUB, XSUB, and XPUB in manual mode). */
    open fun subscribe(prefix: ByteArray): Unit =
        throw InvalidOptionException("subscribe is for SUB and XSUB sockets (and XPUB in manual mode), not ${type.name}")

    /** Undoes one [subscribe] of [prefix]. */
    open fun unsubscribe(prefix: ByteArray): Unit =
        throw InvalidOptionException("unsubscribe is for SUB and XSUB sockets (and XPUB in manual mode), not ${type.name}")

    companion object {
        fun create(type: SocketType, options: OptionValues): SocketBehavior = when (type) {
            SocketType.PAIR -> PairBehavior()
            SocketType.PUSH -> PushBehavior()
            SocketType.PULL -> PullBehavior()
            SocketType.REQ -> ReqBehavior(options)
            SocketType.REP -> RepBehavior()
            SocketType.DEALER -> DealerBehavior()
            SocketType.ROUTER -> RouterBehavior(options)
            SocketType.PUB, SocketType.XPUB -> PublisherBehavior(type, options)
            SocketType.SUB, SocketType.XSUB -> SubscriberBehavior(type, options)
        }
    }
}
