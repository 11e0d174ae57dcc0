package dev.zmqkt.devices.internal

import dev.zmqkt.Message

/**
 * Messages and bytes that went one way through one socket of a proxy, counted as libzmq 4.3.4's proxy counts
 * them: a message (all its frames) counts once, its bytes are the sum of its frames'.
 *
 * ### Concurrency
 * One relay writes a counter; any thread may read it (the statistics reply). The fields are volatile and each has
 * a single writer, so a read sees a recent value without a lock.
 */
internal class TrafficCounter {
    @Volatile
    var messages: Long = 0
        private set

    @Volatile
    var bytes: Long = 0
        private set

    /** Counts the [count] messages of [batch] from index [from]. */
    fun add(batch: List<Message>, from: Int = 0, count: Int = batch.size - from) {
        var total = 0L
        for (i in from until from + count) total += batch[i].byteCount()
        messages += count
        bytes += total
    }
}
