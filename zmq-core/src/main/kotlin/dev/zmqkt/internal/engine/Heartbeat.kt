package dev.zmqkt.internal.engine

import dev.zmqkt.internal.OptionValues
import kotlinx.coroutines.delay

/**
 * ZMTP 3.1 heartbeats for one connection (RFC 37 "Connection Heartbeating", with libzmq's timing):
 * - every [OptionValues.heartbeatInterval] a PING goes out, whatever other traffic there is;
 * - after a PING, if nothing at all arrives within the heartbeat timeout, the connection is dead;
 * - when the peer's PING carried a TTL, the connection is dead once nothing arrives for that long.
 *
 * "Arrives" means any bytes read; the engine records the time in [lastInputNanos].
 */
internal class Heartbeat(
    options: OptionValues,
    private val sendPing: (ttlDeciseconds: Int) -> Unit,
    private val lastInputNanos: () -> Long,
) {
    private val intervalNanos = options.heartbeatInterval?.toNanos() ?: 0L
    private val timeoutNanos = (options.heartbeatTimeout ?: options.heartbeatInterval)?.toNanos() ?: 0L
    private val ourTtlDeciseconds = ((options.heartbeatTtl?.toMillis() ?: 0L) / 100).toInt()

    /** The TTL from the peer's last PING, in nanoseconds; 0 for none. */
    @Volatile
    var peerTtlNanos: Long = 0L

    /** Whether this side sends PINGs at all. */
    val sendsPings: Boolean get() = intervalNanos > 0

    /** Runs until the connection is found dead; returns the reason. Cancel it to stop. */
    suspend fun run(): String {
        var nextPing = if (intervalNanos > 0) System.nanoTime() + intervalNanos else Long.MAX_VALUE
        var pingSentAt = NONE
        while (true) {
            val now = System.nanoTime()
            val lastInput = lastInputNanos()
            if (pingSentAt != NONE) {
                if (lastInput - pingSentAt >= 0) {
                    pingSentAt = NONE
                } else if (now - pingSentAt >= timeoutNanos) {
                    return "no traffic within ${timeoutNanos / 1_000_000} ms of a PING"
                }
            }
            val ttl = peerTtlNanos
            if (ttl > 0 && now - lastInput >= ttl) return "peer's heartbeat TTL of ${ttl / 1_000_000} ms expired"
            if (now - nextPing >= 0) {
                sendPing(ourTtlDeciseconds)
                if (pingSentAt == NONE && timeoutNanos > 0) pingSentAt = now
                nextPing = now + intervalNanos
            }
            var wake = nextPing
            if (pingSentAt != NONE) wake = minOf(wake, pingSentAt + timeoutNanos)
            if (ttl > 0) wake = minOf(wake, lastInput + ttl)
            // Round up so the deadline has passed when we wake. A new peer TTL restarts this loop (see the engine).
            delay(((wake - now + 999_999) / 1_000_000).coerceAtLeast(1))
        }
    }

    private companion object {
        const val NONE = Long.MIN_VALUE
    }
}
