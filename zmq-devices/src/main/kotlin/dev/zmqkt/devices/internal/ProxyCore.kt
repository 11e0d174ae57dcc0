package dev.zmqkt.devices.internal

import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.devices.ProxyStatistics
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

/**
 * The two relays of a proxy between [frontend] and [backend] (one when they are the same socket, as libzmq
 * allows), with the traffic counters libzmq's STATISTICS reports.
 */
internal class ProxyCore(
    frontend: Socket,
    backend: Socket,
    capture: Socket?,
    frontendRewrite: Rewrite = Rewrite.Unchanged,
    backendRewrite: Rewrite = Rewrite.Unchanged,
) {
    private val frontendIn = TrafficCounter()
    private val frontendOut = TrafficCounter()
    private val backendIn = TrafficCounter()
    private val backendOut = TrafficCounter()

    // A direction whose source cannot receive or whose destination cannot send (a PUSH backend, a PULL frontend)
    // has nothing to move: libzmq's proxy never sees such a socket readable.
    private val relays: List<Relay> = buildList {
        if (frontend.type.canReceive && backend.type.canSend) {
            add(Relay(frontend, backend, capture, frontendIn, backendOut, frontendRewrite))
        }
        if (backend !== frontend && backend.type.canReceive && frontend.type.canSend) {
            add(Relay(backend, frontend, capture, backendIn, frontendOut, backendRewrite))
        }
    }

    /** Runs both directions concurrently until cancelled; a relay's failure cancels the other and is thrown. */
    suspend fun run(): Nothing {
        if (relays.isEmpty()) awaitCancellation()
        val only = relays.singleOrNull()
        if (only != null) only.run()
        coroutineScope {
            for (relay in relays) launch { relay.run() }
            awaitCancellation()
        }
    }

    /** Delivers what the relays hold, waiting for room, without taking more. */
    suspend fun deliverHeld() {
        coroutineScope { for (relay in relays) launch { relay.deliverHeld() } }
    }

    /** Hands what the relays hold to the far sides if they take it now; returns how many were dropped. */
    fun handOffHeld(): Int = relays.sumOf { it.handOffHeld() }

    /** The counters now, in libzmq's order. */
    fun statistics(): ProxyStatistics = ProxyStatistics(
        frontendIn.messages, frontendIn.bytes, frontendOut.messages, frontendOut.bytes,
        backendIn.messages, backendIn.bytes, backendOut.messages, backendOut.bytes,
    )
}

private val SocketType.canReceive: Boolean get() = this != SocketType.PUSH && this != SocketType.PUB
private val SocketType.canSend: Boolean get() = this != SocketType.PULL && this != SocketType.SUB
