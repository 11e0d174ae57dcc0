package dev.zmqkt.support

import dev.zmqkt.Context
import dev.zmqkt.Socket
import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Deferred
import kotlinx.coroutines.async
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout
import java.time.Duration

/**
 * A context for one test: short linger so closing never waits long; closed at the end. [handshake] bounds the
 * handshake, for peers that sometimes never start theirs (JeroMQ 0.6 as a client, see JeromqThread).
 */
suspend fun <T> withTestContext(handshake: Duration? = null, block: suspend (Context) -> T): T {
    val ctx = Context()
    ctx.defaultOptions.linger = Duration.ofMillis(200)
    if (handshake != null) ctx.defaultOptions.handshakeInterval = handshake
    try {
        return block(ctx)
    } finally {
        ctx.terminate()
    }
}

/**
 * Starts watching [socket] for an event of [type] before anything happens; await the result after acting.
 * Waits up to [timeoutMs].
 */
fun CoroutineScope.expectEvent(socket: Socket, type: SocketEventType, timeoutMs: Long = 10_000): Deferred<SocketEvent> {
    val events = socket.monitor(type)
    return async(start = CoroutineStart.UNDISPATCHED) {
        withTimeout(timeoutMs) { events.first { it.type == type } }
    }
}

/** Waits up to [timeoutMs] (default 10 s) for [block]; tests never wait forever. */
suspend fun <T> within(timeoutMs: Long = 10_000, block: suspend () -> T): T = withTimeout(timeoutMs) { block() }
