package dev.zmqkt.internal

import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.sync.waitOffIoThread
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * A socket's monitors: the flows of its events ([flow]) and the libzmq-format publisher on an inproc PAIR
 * ([start]/[stop]). The events themselves come from the socket's [SocketEvents].
 */
internal class SocketMonitoring(private val socket: SocketCore) {
    private val lock = Any()
    private var publisher: MonitorPublisher? = null

    /** Starts (or replaces) the libzmq-format monitor publishing on a PAIR bound at [endpoint]. */
    fun start(endpoint: String, types: Set<SocketEventType>) {
        socket.checkOpen()
        stop()
        val started = MonitorPublisher(socket, endpoint, types.ifEmpty { SocketEventType.entries.toSet() })
        synchronized(lock) { publisher = started }
    }

    fun stop() {
        val running = synchronized(lock) { publisher.also { publisher = null } }
        running?.stop()
    }

    /** A flow of the socket's events of [types] (all when empty), buffered from this call on. */
    fun flow(types: Set<SocketEventType>): Flow<SocketEvent> {
        val events = socket.events
        val subscription = events.subscribe(types.ifEmpty { SocketEventType.entries.toSet() })
        if (socket.isClosed) events.unsubscribe(subscription)
        return flow {
            try {
                while (true) {
                    // Events are sent from I/O threads: a collector without a dispatcher must not be resumed there.
                    val event = waitOffIoThread(socket.context.dispatcher) { subscription.channel.receiveCatching() }
                    emit(event.getOrNull() ?: break)
                }
            } finally {
                events.unsubscribe(subscription)
            }
        }
    }
}
