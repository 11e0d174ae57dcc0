package dev.zmqkt.internal.session

import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.SocketEvents
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.transport.inproc.InprocRegistry
import io.ktor.network.selector.SelectorManager
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/**
 * What sessions and transports need from the socket that owns them (the socket's core implements it): its type,
 * options and events, where background work runs, the context's shared resources, and the socket's links to
 * its peers. Sessions and transports see the socket only through this, never the whole socket.
 */
internal interface SessionOwner {
    val type: SocketType
    val options: OptionValues
    val events: SocketEvents

    /** The socket's job and scope: connections and listeners run as its children. */
    val job: Job
    val scope: CoroutineScope

    /** The context's dispatcher, where connections' work runs. */
    val dispatcher: CoroutineDispatcher

    /** The context's buffer pool. */
    val bufferPool: BufferPool

    /** The context's selector for tcp and ipc channels (started on first use). */
    val selectorManager: SelectorManager

    /** The context's inproc endpoints. */
    val inproc: InprocRegistry

    /** A number for a new connection, unique in the context (reported in monitor events). */
    fun nextConnectionId(): Long

    val isClosed: Boolean

    /** Whether a connecting socket of this type links to its peer before the connection exists. */
    val linksBeforeConnection: Boolean

    /** Whether this socket's queues keep only the newest message (ZMQ_CONFLATE). */
    val conflates: Boolean

    /** A new link with this socket's HWMs; the socket's side listens to it. Not attached yet. */
    fun newLink(endpoint: String): PeerLink

    /** A new link over given pipes (inproc shares them with the peer socket); the socket's side listens to it. */
    fun newLink(endpoint: String, inbound: Pipe, outbound: Pipe): PeerLink

    /** Offers [link] to the socket type; false when refused or the socket is closed. */
    fun attach(link: PeerLink): Boolean

    /** [link]'s connection was lost and is back (a connecting socket's link outlives its connections). */
    fun reconnected(link: PeerLink)

    /** The peer behind [link] is gone; its inbound messages remain readable until drained. */
    fun detach(link: PeerLink)
}
