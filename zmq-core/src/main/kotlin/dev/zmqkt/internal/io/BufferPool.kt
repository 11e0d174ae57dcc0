package dev.zmqkt.internal.io

import java.nio.ByteBuffer
import java.util.concurrent.ConcurrentLinkedDeque

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
    private val retainedSmall: Int,
    private val retainedLarge: Int,
) {
    private val small = ConcurrentLinkedDeque<ByteBuffer>()
    private val large = ConcurrentLinkedDeque<ByteBuffer>()

    /** A cleared buffer of [largeSize] bytes if [large], else of [smallSize] bytes. */
    fun acquire(large: Boolean = false): ByteBuffer {
        val free = if (large) this.large else small
        val buffer = free.pollFirst() ?: return ByteBuffer.allocateDirect(if (large) largeSize else smallSize)
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
        val (free, retained) = if (isLarge(buffer)) large to retainedLarge else small to retainedSmall
        if (free.size < retained) free.offerFirst(buffer)
    }
}
