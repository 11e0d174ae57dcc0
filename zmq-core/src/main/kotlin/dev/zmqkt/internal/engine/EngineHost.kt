package dev.zmqkt.internal.engine

import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.SocketEvents
import dev.zmqkt.Metadata
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.SocketType
import kotlinx.coroutines.CoroutineDispatcher

/** What an engine needs from the session that runs it. */
internal interface EngineHost {
    val socketType: SocketType
    val options: OptionValues
    val events: SocketEvents
    val bufferPool: BufferPool

    /** Where the engine's work runs (the context's dispatcher). */
    val dispatcher: CoroutineDispatcher

    /** The endpoint reported in events. */
    val endpoint: String

    /** True on the side that accepted the connection. */
    val isServer: Boolean

    /** A line to the context's ZAP handler, or null when none is bound. */
    fun openZap(): ZapChannel?

    /**
     * The handshake is done: return the link the engine should carry, or null to refuse the peer (the
     * connection is then closed). [peer] holds the peer's announced properties.
     */
    fun handshakeSucceeded(peer: Metadata): PeerLink?
}
