package dev.zmqkt.internal.transport.inproc

import dev.zmqkt.Message
import dev.zmqkt.internal.engine.ZapChannel
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.pipe.PipeListener
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.session.SessionOwner
import dev.zmqkt.internal.sync.Signal

/**
 * A pair of pipes to the context's ZAP handler socket, attached to it as an inproc peer (libzmq's
 * `session_base_t::zap_connect`): no high-water mark, no wire protocol.
 */
internal class InprocZapChannel private constructor(
    private val handler: SessionOwner,
    private val toHandler: Pipe,
    private val fromHandler: Pipe,
    private val link: PeerLink,
) : ZapChannel {
    private val replyReady = Signal()

    init {
        fromHandler.readerListener = PipeListener { replyReady.signal() }
    }

    override fun send(request: Message): Boolean = toHandler.offer(request) == Pipe.ACCEPTED

    override suspend fun receive(): Message? {
        while (true) {
            val seen = replyReady.version
            fromHandler.poll()?.let { return it }
            if (fromHandler.isFinished() || link.detached) return null
            replyReady.await(seen)
        }
    }

    override fun close() {
        handler.detach(link)
        toHandler.closeWriter()
        fromHandler.closeReader()
    }

    companion object {
        /** libzmq's ZAP endpoint name (RFC 27). */
        const val ENDPOINT_NAME = "zeromq.zap.01"

        /** A line to the handler bound in [registry], or null when none is bound or it refuses the link. */
        fun open(registry: InprocRegistry): InprocZapChannel? {
            val handler = registry.bound(ENDPOINT_NAME)?.socket ?: return null
            val toHandler = Pipe(0)
            val fromHandler = Pipe(0)
            val link = handler.newLink("inproc://$ENDPOINT_NAME", toHandler, fromHandler)
            if (!handler.attach(link)) return null
            return InprocZapChannel(handler, toHandler, fromHandler, link)
        }
    }
}
