package dev.zmqkt.internal.session

import java.time.Duration
import java.util.concurrent.ThreadLocalRandom

/**
 * The wait before each reconnect attempt, as libzmq computes it: the current interval plus a random jitter below
 * the base interval; the interval doubles after each failed attempt up to the maximum (when the maximum exceeds
 * the base), and resets when a connection succeeds.
 */
internal class ReconnectBackoff(base: Duration?, max: Duration) {
    private val baseMillis = base?.toMillis() ?: 0L
    private val maxMillis = max.toMillis()
    private var currentMillis = baseMillis

    /** Whether reconnecting is enabled at all (a zero or absent interval disables it, as in libzmq). */
    val enabled: Boolean get() = baseMillis > 0

    /** The next wait in milliseconds. */
    fun next(): Long {
        check(enabled) { "reconnect is disabled" }
        val wait = currentMillis + ThreadLocalRandom.current().nextLong(baseMillis)
        if (maxMillis > baseMillis) currentMillis = minOf(currentMillis * 2, maxMillis)
        return wait
    }

    fun reset() {
        currentMillis = baseMillis
    }
}
