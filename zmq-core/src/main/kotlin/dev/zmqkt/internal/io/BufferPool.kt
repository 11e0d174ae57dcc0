package dev.zmqkt.internal.io

import java.nio.ByteBuffer
import java.util.concurrent.ConcurrentLinkedDeque

/**
 * Direct buffers of one size, lent to connections for a burst of reading or writing and given back when the
 * burst ends. An idle connection holds none, so thousands of idle peers cost no buffer memory, while a busy one
 * moves [bufferSize] bytes per system call.
 *
 * At most [retained] free buffers are kept; more are left to the garbage collector.
 */
internal class BufferPool(val bufferSize: Int, private val retained: Int) {
    private val free = ConcurrentLinkedDeque<ByteBuffer>()

    /** A cleared buffer of [bufferSize] bytes. */
    fun acquire(): ByteBuffer {
        val buffer = free.pollFirst() ?: return ByteBuffer.allocateDirect(bufferSize)
        buffer.clear()
        return buffer
    }

    /** Gives [buffer] back; it must not be used afterwards. */
    fun release(buffer: ByteBuffer) {
        if (free.size < retained) free.offerFirst(buffer)
    }
}
