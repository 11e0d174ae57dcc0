package dev.zmqkt.internal

import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import kotlinx.coroutines.channels.BufferOverflow
import kotlinx.coroutines.channels.Channel
import java.util.concurrent.CopyOnWriteArrayList

/**
 * Fans a socket's events out to its monitors. Emitting costs one volatile read when nobody monitors.
 * Each monitor has a bounded buffer; when a monitor falls that far behind, its oldest events are dropped.
 */
internal class SocketEvents {
    private val monitors = CopyOnWriteArrayList<Subscription>()

    class Subscription(val mask: Int, val channel: Channel<SocketEvent>)

    fun subscribe(types: Set<SocketEventType>): Subscription {
        var mask = 0
        for (t in types) mask = mask or t.code
        val subscription = Subscription(mask, Channel(BUFFER, BufferOverflow.DROP_OLDEST))
        monitors.add(subscription)
        return subscription
    }

    /** Ends [subscription] with a MONITOR_STOPPED event (when it asked for those). */
    fun unsubscribe(subscription: Subscription) {
        if (!monitors.remove(subscription)) return
        finish(subscription)
    }

    /** Ends every monitor: the socket is closed. */
    fun stopAll() {
        for (s in monitors) {
            monitors.remove(s)
            finish(s)
        }
    }

    fun emit(type: SocketEventType, endpoint: String, value: Long = 0, reason: String? = null) {
        if (monitors.isEmpty()) return
        var event: SocketEvent? = null
        for (s in monitors) {
            if (s.mask and type.code == 0) continue
            val e = event ?: SocketEvent(type, endpoint, value, reason).also { event = it }
            s.channel.trySend(e)
        }
    }

    private fun finish(subscription: Subscription) {
        if (subscription.mask and SocketEventType.MONITOR_STOPPED.code != 0) {
            subscription.channel.trySend(SocketEvent(SocketEventType.MONITOR_STOPPED, "", 0))
        }
        subscription.channel.close()
    }

    private companion object {
        const val BUFFER = 4096
    }
}
