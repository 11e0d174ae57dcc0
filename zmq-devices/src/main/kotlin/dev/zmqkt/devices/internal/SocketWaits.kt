package dev.zmqkt.devices.internal

import dev.zmqkt.Message
import dev.zmqkt.Socket
import java.time.Duration

/*
 * How a device waits on its sockets. A device runs until it is stopped, so the sockets' own send and receive
 * timeouts (set for other uses, or by habit) must not end it: when a timeout option is set, the wait passes a
 * bound long enough never to be reached instead. Options are read only when a call has to wait, so the fast path
 * (a batch that is there, a send that fits) reads none.
 */

/** A wait bound no device reaches (about a century), used in place of a socket's timeout option. */
private val NO_TIMEOUT: Duration = Duration.ofDays(36_500)

/**
 * Up to [max] messages: the ones waiting now, or else the first to arrive with whatever came with it. Like
 * `receiveAvailable`, a cancelled call takes nothing.
 */
internal suspend fun Socket.receiveBatch(max: Int): List<Message> {
    val ready = tryReceiveAll(max)
    if (ready.isNotEmpty()) return ready
    if (receiveTimeout == null) return receiveAvailable(max)
    val first = receive(NO_TIMEOUT)
    if (max == 1) return listOf(first)
    val rest = tryReceiveAll(max - 1)
    return if (rest.isEmpty()) listOf(first) else ArrayList<Message>(rest.size + 1).apply { add(first); addAll(rest) }
}

/** The next message, waiting as long as it takes; a cancelled call takes nothing. */
internal suspend fun Socket.receiveOne(): Message =
    tryReceive() ?: if (receiveTimeout == null) receive() else receive(NO_TIMEOUT)

/** Sends [message], waiting as long as it takes for room; a cancelled call sends nothing. */
internal suspend fun Socket.sendOne(message: Message) {
    if (trySend(message)) return
    if (sendTimeout == null) send(message) else send(message, NO_TIMEOUT)
}

/**
 * Sends messages of [batch] from index [from] on: as many as fit now, or else waits until the first fits.
 * Returns how many were sent (at least one); a cancelled call sends nothing.
 */
internal suspend fun Socket.sendSome(batch: List<Message>, from: Int): Int {
    val sent = trySendAll(if (from == 0) batch else batch.subList(from, batch.size))
    if (sent > 0) return sent
    sendOne(batch[from])
    return 1
}
