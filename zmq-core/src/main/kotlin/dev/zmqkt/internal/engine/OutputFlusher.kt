@file:OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)

package dev.zmqkt.internal.engine

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameEncoder
import dev.zmqkt.internal.codec.FrameFlags
import dev.zmqkt.internal.codec.Subscriptions
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.pipe.PipeDrainHelper
import dev.zmqkt.internal.sync.Signal
import java.io.IOException
import java.nio.ByteBuffer
import java.util.Queue
import java.util.concurrent.locks.ReentrantLock

/**
 * Moves one connection's outbound traffic from its pipe to the kernel: encodes queued commands, then queued
 * messages, into one pooled buffer and writes it with one system call, as long as the kernel takes bytes.
 *
 * Two parties flush: the engine's writer coroutine, woken when messages are queued, and, when the socket finds
 * the pipe at its high-water mark, the socket's own sending thread ([drain]), so that messages never pile up
 * behind a writer that is waiting for a thread to run on. Without that help a ROUTER echoing a burst could fill
 * the pipe and drop replies while its writer sat in the dispatcher's queue; with it, a message is dropped (or a
 * send waits) only when the kernel's buffers toward the peer are full too, as with libzmq.
 * One party flushes at a time.
 *
 * ### Concurrency
 * Whoever holds [busy] owns the buffer, the encoder and the reading side of [outbound]. The writer coroutine
 * only tries it; a sender waits for it (a flush is short: it never waits for the kernel). A flush takes no
 * socket lock (the pipe's listeners only signal), so a sender holding its socket's lock may wait for it.
 */
internal class OutputFlusher(
    private val connection: StreamConnection,
    private val pool: BufferPool,
    private val outbound: Pipe,
    private val commands: Queue<ByteArray>,
    /** Whether subscription messages go out as SUBSCRIBE/CANCEL commands (a ZMTP 3.1 peer of a SUB or XSUB). */
    private val subscriptionsAsCommands: Boolean,
    /** The writer coroutine's wake-up, signalled when a [drain] leaves work the writer must finish. */
    private val writerWake: Signal,
    /** The mechanism's frame codec (CURVE), or null when frames travel as they are. */
    codec: FrameCodec? = null,
) : PipeDrainHelper {
    private val encoder = FrameEncoder(codec)
    private val busy = ReentrantLock()
    private var buffer: ByteBuffer? = null
    private var streaming = false // the last fill filled its buffer: encode into a large one

    @Volatile
    private var closed = false

    /** A write failure met by a [drain]; the writer coroutine rethrows it. */
    @Volatile
    var failure: IOException? = null
        private set

    /**
     * Flushes what is queued: [IDLE] when everything was written, [BLOCKED] when the kernel took no more (bytes
     * wait in the buffer), [FINISHED] when the pipe is closed and everything was written, [BUSY] when another
     * party is flushing.
     */
    fun flush(): Int {
        if (!busy.tryLock()) return BUSY
        return flushLocked()
    }

    /**
     * Called by the socket's sending thread when it finds the pipe full: writes what the kernel takes now. When
     * the writer coroutine is flushing, waits for it to finish its pass (one non-blocking write, never a wait
     * for the kernel) and then flushes what is left: a sender that outpaces the writer is held back by it,
     * as libzmq's I/O thread holds back a socket by feeding it at the pace it writes.
     */
    override fun drain() {
        if (failure != null || closed) return
        busy.lock()
        val result = try {
            flushLocked()
        } catch (e: IOException) {
            failure = e
            writerWake.signal()
            return
        }
        // Bytes the kernel would not take, or the end of the pipe, are the writer coroutine's to wait for.
        if (result == BLOCKED || result == FINISHED) writerWake.signal()
    }

    /** No more flushing; the buffer goes back to the pool. */
    fun close() {
        busy.lock()
        try {
            closed = true
            buffer?.let { pool.release(it) }
            buffer = null
        } finally {
            busy.unlock()
        }
    }

    /** Flushes holding [busy], and lets go of it. */
    private fun flushLocked(): Int {
        try {
            return if (closed) FINISHED else flushOwned()
        } finally {
            busy.unlock()
        }
    }

    private fun flushOwned(): Int {
        while (true) {
            var current = buffer ?: pool.acquire(large = streaming)
            if (current.position() == 0) current = pool.resize(current, large = streaming)
            buffer = current
            fill(current)
            streaming = current.remaining() < FrameFlags.LONG_HEADER || encoder.hasPending ||
                (pool.isLarge(current) && current.position() >= pool.smallSize)
            if (current.position() == 0) {
                buffer = null
                pool.release(current)
                return if (!encoder.hasPending && commands.isEmpty() && outbound.isFinished()) FINISHED else IDLE
            }
            current.flip()
            val written = connection.write(current)
            current.compact()
            if (written == 0) return BLOCKED
        }
    }

    /** Encodes queued commands, then queued messages, into [buffer] until it is full or nothing is left. */
    private fun fill(buffer: ByteBuffer) {
        if (encoder.hasPending && !encoder.resume(buffer)) return
        while (true) {
            val command = commands.poll()
            if (command != null) {
                if (!encoder.encodeCommand(command, buffer)) return
                continue
            }
            if (buffer.remaining() < FrameFlags.LONG_HEADER) return
            val message = outbound.poll() ?: return
            val done = if (subscriptionsAsCommands && Subscriptions.isSubscription(message)) {
                val name = if (message[0][0] == Subscriptions.SUBSCRIBE) Command.SUBSCRIBE else Command.CANCEL
                encoder.encodeCommand(Command(name, Subscriptions.prefixOf(message)).encode(), buffer)
            } else {
                encoder.encode(message, buffer)
            }
            if (!done) return
        }
    }

    companion object {
        const val IDLE = 0
        const val BLOCKED = 1
        const val FINISHED = 2
        const val BUSY = 3
    }
}
