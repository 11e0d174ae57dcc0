package dev.zmqkt.devices.internal

import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.ZmqException

/**
 * One direction of a proxy: takes messages from [from] in batches (one lock per batch) and hands each, whole and
 * in order, to [capture] and then to [to].
 *
 * ### Backpressure
 * A batch is taken only once the previous one was delivered, so when [to] is at its high-water mark the relay
 * waits with at most [BATCH] messages in hand and stops reading [from]: the high-water marks hold end to end, and
 * [from]'s peers slow down as they would against a slow receiver.
 *
 * ### Cancellation
 * Every wait is a cancellable call that takes or sends nothing when cancelled, and the batch in hand lives in this
 * object, not in the coroutine: a relay cancelled while paused keeps what it took and [run] delivers it first
 * when it starts again. [deliverHeld] delivers it without taking more; [handOffHeld] gives the far side what fits
 * now, when the proxy ends.
 *
 * ### Concurrency
 * One coroutine at a time runs a relay. The two relays of a proxy use the same sockets concurrently (a socket is
 * safe for that), each its own direction.
 */
internal class Relay(
    private val from: Socket,
    private val to: Socket,
    private val capture: Socket?,
    private val received: TrafficCounter,
    private val sent: TrafficCounter,
    private val rewrite: Rewrite = Rewrite.Unchanged,
) {
    /** The messages taken from [from] and not yet all delivered, as forwarded. */
    private var held: List<Message> = emptyList()

    /** Their copies for [capture] (the same list when the rewrite leaves them unchanged). */
    private var heldCopies: List<Message> = emptyList()

    /** How many of [held] went to [capture], and to [to]. */
    private var captured = 0
    private var delivered = 0

    /** Moves messages until cancelled or a socket fails. */
    suspend fun run(): Nothing {
        while (true) {
            deliverHeld()
            take()
        }
    }

    /** Delivers the messages in hand, waiting for room as needed, and takes no more. */
    suspend fun deliverHeld() {
        val batch = held
        if (batch.isEmpty()) return
        if (capture != null) {
            val copies = heldCopies
            while (captured < copies.size) captured += capture.sendSome(copies, captured)
        }
        while (delivered < batch.size) {
            val n = to.sendSome(batch, delivered)
            sent.add(batch, delivered, n)
            delivered += n
        }
        release()
    }

    /**
     * Gives [capture] and [to] whatever of the messages in hand they take now, without waiting, when the proxy
     * ends; returns how many messages [to] did not take (they are dropped).
     */
    fun handOffHeld(): Int {
        val batch = held
        if (batch.isEmpty()) return 0
        try {
            if (capture != null && captured < heldCopies.size) {
                captured += capture.trySendAll(heldCopies.subList(captured, heldCopies.size))
            }
            val n = to.trySendAll(batch.subList(delivered, batch.size))
            sent.add(batch, delivered, n)
            delivered += n
        } catch (_: ZmqException) {
            // A socket is closed or refuses the message: what is left is dropped, as the proxy is ending anyway.
        }
        val dropped = batch.size - delivered
        release()
        return dropped
    }

    private suspend fun take() {
        val batch = from.receiveBatch(BATCH)
        received.add(batch)
        if (rewrite === Rewrite.Unchanged) {
            held = batch
            heldCopies = batch
        } else {
            val forwarded = batch.map(rewrite::forwarded)
            held = forwarded
            heldCopies = if (capture == null) forwarded else forwarded.map(rewrite::captured)
        }
    }

    private fun release() {
        held = emptyList()
        heldCopies = emptyList()
        captured = 0
        delivered = 0
    }

    companion object {
        /**
         * The most messages a relay takes at once (libzmq's proxy forwards bursts of up to 1000). It bounds what a
         * proxy holds beyond the sockets' high-water marks.
         */
        const val BATCH: Int = 256
    }
}
