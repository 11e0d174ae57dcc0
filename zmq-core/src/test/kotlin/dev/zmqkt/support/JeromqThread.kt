package dev.zmqkt.support

import dev.zmqkt.Socket
import dev.zmqkt.SocketEventType
import kotlinx.coroutines.ExperimentalCoroutinesApi
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeoutOrNull
import org.zeromq.SocketType
import org.zeromq.ZContext
import org.zeromq.ZMQ
import kotlinx.coroutines.newSingleThreadContext
import kotlinx.coroutines.withContext

/**
 * The one thread every JeroMQ call in the tests runs on. JeroMQ sockets are not thread-safe: used from changing
 * threads (even one after another) a JeroMQ socket sometimes never starts its handshake, as a JeroMQ-only test
 * showed; so tests create and use them all here.
 *
 * Separately, a connecting JeroMQ 0.6 socket sometimes never starts its handshake when the server's greeting
 * arrives at once (measured: about 1 in 14 connections to libzmq 4.3 servers, and the same to zmq-kt; never
 * between two JeroMQ sockets): the server's greeting stays unread and JeroMQ sends nothing. The tests give
 * zmq-kt sockets a short handshake interval ([JEROMQ_HANDSHAKE]) so such a connection is dropped on our side, and
 * connect JeroMQ sockets with [connectTo], which replaces a stuck one (JeroMQ does not notice the close).
 */
/** The handshake interval zmq-kt sockets use in tests with JeroMQ clients. */
val JEROMQ_HANDSHAKE: java.time.Duration = java.time.Duration.ofMillis(500)

object JeromqThread {
    @OptIn(ExperimentalCoroutinesApi::class, kotlinx.coroutines.DelicateCoroutinesApi::class)
    private val dispatcher = newSingleThreadContext("jeromq")

    /** Runs [block] on the JeroMQ thread. */
    suspend fun <T> run(block: () -> T): T = withContext(dispatcher) { block() }
}

/**
 * Connects a new JeroMQ socket of [type] to [endpoint], where the zmq-kt socket [target] listens, and waits until
 * [target] reports [expect] for it. A connection JeroMQ leaves stuck (see [JeromqThread]) is replaced by a new
 * socket, up to ten times.
 */
suspend fun ZContext.connectTo(
    target: Socket,
    endpoint: String,
    type: SocketType,
    expect: SocketEventType = SocketEventType.HANDSHAKE_SUCCEEDED,
    configure: ZMQ.Socket.() -> Unit = {},
): ZMQ.Socket {
    repeat(10) {
        val events = target.monitor(expect)
        val socket = JeromqThread.run { createSocket(type).apply { configure(); connect(endpoint) } }
        if (withTimeoutOrNull(2000) { events.first() } != null) return socket
        JeromqThread.run {
            socket.linger = 0
            destroySocket(socket)
        }
    }
    error("JeroMQ never completed a handshake with $endpoint")
}
