package dev.zmqkt.internal.io

import java.nio.ByteBuffer
import java.util.concurrent.ConcurrentLinkedDeque
import java.util.concurrent.atomic.AtomicInteger

/**
 * Direct buffers in two sizes, lent to connections for a burst of reading or writing and given back when the
 * burst ends. An idle connection holds none, so thousands of idle peers cost no buffer memory.
 *
 * A connection starts each burst with a [smallSize] buffer, enough for a request, a reply or a handshake; one
 * that fills a small buffer in one go is streaming and asks for a [largeSize] one, which moves many messages per
 * system call. So ten thousand chatty peers do not each hold a large buffer, and a bulk stream is not held back
 * by a small one.
 *
 * At most [retainedSmall] and [retainedLarge] free buffers are kept; more are left to the garbage collector.
 */
internal class BufferPool(
    val smallSize: Int,
    val largeSize: Int,
    retainedSmall: Int,
    retainedLarge: Int,
) {
    private val small = FreeList(retainedSmall)
    private val large = FreeList(retainedLarge)

    /** A cleared buffer of [largeSize] bytes if [large], else of [smallSize] bytes. */
    fun acquire(large: Boolean = false): ByteBuffer {
        val free = if (large) this.large else small
        val buffer = free.poll() ?: return ByteBuffer.allocateDirect(if (large) largeSize else smallSize)
        buffer.clear()
        return buffer
    }

    /** Whether [buffer] is one of the large ones. */
    fun isLarge(buffer: ByteBuffer): Boolean = buffer.capacity() == largeSize

    /**
     * [buffer] if it already is of the size asked for ([large] or not), else a cleared buffer of that size, the
     * old one given back. Only for a buffer holding no bytes that matter.
     */
    fun resize(buffer: ByteBuffer, large: Boolean): ByteBuffer {
        if (isLarge(buffer) == large) return buffer
        release(buffer)
        return acquire(large)
    }

    /** Gives [buffer] back; it must not be used afterwards. */
    fun release(buffer: ByteBuffer) {
        (if (isLarge(buffer)) large else small).offer(buffer)
    }

    /**
     * Free buffers of one size, at most [retained] of them. Counted apart from the deque, whose `size()` walks
     * every element (with a thousand free buffers that walk took a third of a 10,000-peer server's CPU).
     */
    private class FreeList(private val retained: Int) {
        private val buffers = ConcurrentLinkedDeque<ByteBuffer>()
        private val count = AtomicInteger()

        fun poll(): ByteBuffer? = buffers.pollFirst()?.also { count.decrementAndGet() }

        /** Keeps [buffer] unless [retained] are kept already (then the garbage collector has it). */
        fun offer(buffer: ByteBuffer) {
            if (count.incrementAndGet() > retained) {
                count.decrementAndGet()
                return
            }
            buffers.offerFirst(buffer)
        }
    }
}
