package dev.zmqkt.internal.session

import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.SocketEvents
import dev.zmqkt.internal.engine.EngineHost
import dev.zmqkt.internal.engine.ZapChannel
import dev.zmqkt.internal.transport.inproc.InprocZapChannel
import dev.zmqkt.internal.io.BufferPool
import kotlinx.coroutines.CoroutineDispatcher

/**
 * What both sessions (accepted and connecting) give their engines: the [owner]'s type, events and the context's
 * resources, and a snapshot of the owner's options taken when the session is made (later changes to the socket's
 * options do not reach an existing connection).
 */
internal abstract class SessionEngineHost(
    protected val owner: SessionOwner,
    final override val isServer: Boolean,
) : EngineHost {
    final override val options: OptionValues = owner.options.snapshot()
    final override val socketType: SocketType get() = owner.type
    final override val events: SocketEvents get() = owner.events
    final override val bufferPool: BufferPool get() = owner.bufferPool
    final override val dispatcher: CoroutineDispatcher get() = owner.dispatcher

    final override fun openZap(): ZapChannel? = InprocZapChannel.open(owner.inproc)
}
