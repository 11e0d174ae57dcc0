package dev.zmqkt.internal.sockets

import dev.zmqkt.Message
import dev.zmqkt.OperationNotSupportedException
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.pipe.PeerLink

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

    companion object {
        fun create(type: SocketType, options: OptionValues): SocketBehavior = when (type) {
            SocketType.PAIR -> PairBehavior()
            SocketType.PUSH -> PushBehavior()
            SocketType.PULL -> PullBehavior()
            SocketType.REQ -> ReqBehavior(options)
            SocketType.REP -> RepBehavior()
            SocketType.DEALER -> DealerBehavior()
            SocketType.ROUTER -> RouterBehavior(options)
        }
    }
}
