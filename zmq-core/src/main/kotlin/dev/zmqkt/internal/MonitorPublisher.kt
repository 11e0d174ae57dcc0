package dev.zmqkt.internal

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.UnsupportedTransportException
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * libzmq's `zmq_socket_monitor`: a PAIR socket bound at an inproc endpoint that publishes the monitored socket's
 * events as two-frame messages in libzmq's format (see [encode]), for code that reads them like pyzmq's
 * `get_monitor_socket()` and `parse_monitor_message()`.
 *
 * Events wait in the monitor's buffer until a peer connects, then go out in order.
 */
internal class MonitorPublisher(private val monitored: SocketCore, endpoint: String, types: Set<SocketEventType>) {
    private val pair = SocketCore(monitored.context, SocketType.PAIR)
    private val subscription: SocketEvents.Subscription
    private val job: Job

    init {
        if (!endpoint.startsWith("inproc://")) {
            throw UnsupportedTransportException("a socket monitor endpoint must be inproc://, got '$endpoint'")
        }
        monitored.context.sockets.add(pair)
        pair.options.linger = java.time.Duration.ZERO
        try {
            pair.endpoints.bind(endpoint)
        } catch (e: Exception) {
            pair.close()
            throw e
        }
        subscription = monitored.events.subscribe(types)
        job = pair.scope.launch {
            for (event in subscription.channel) {
                try {
                    pair.send(encode(event), timeout = null)
                } catch (e: Exception) {
                    break // the monitor socket closed
                }
            }
        }
    }

    /** Stops monitoring: MONITOR_STOPPED goes out (when asked for), then the PAIR socket closes. */
    fun stop() {
        monitored.events.unsubscribe(subscription)
        pair.scope.launch {
            job.join()
            pair.close()
        }
    }

    companion object {
        private val counter = java.util.concurrent.atomic.AtomicLong()

        /** An inproc endpoint no other monitor uses (pyzmq uses `inproc://monitor.s-<fd>`). */
        fun uniqueEndpoint(): String = "inproc://monitor.zmqkt-${counter.incrementAndGet()}"

        /** libzmq's v1 monitor message: a 6-byte frame (event u16, value u32, native byte order) and the endpoint. */
        fun encode(event: SocketEvent): Message {
            val head = ByteBuffer.allocate(6).order(ByteOrder.nativeOrder())
                .putShort(event.type.code.toShort())
                .putInt(event.value.toInt())
                .array()
            return Message.wrap(arrayOf(Frame.of(head), Frame.of(event.endpoint)))
        }
    }
}
