package dev.zmqkt.internal.io

import io.ktor.network.selector.SelectInterest
import java.nio.ByteBuffer
import java.nio.channels.SocketChannel

/**
 * One connected byte stream (a tcp or ipc socket) in non-blocking mode. Reads and writes never block: they move
 * what the kernel allows now and return 0 otherwise; [awaitReadable] and [awaitWritable] suspend on the selector
 * until trying again makes sense.
 *
 * One reader and one writer may use it at the same time (from different coroutines).
 */
internal class StreamConnection(
    private val channel: SocketChannel,
    private val selectable: NioSelectable,
    /** A printable description of the peer, for logs and events. */
    val peerDescription: String,
) {
    /**
     * The peer's address as libzmq reports it (ZAP requests, the `Peer-Address` property): the numeric IP address
     * without the port for tcp, empty for ipc.
     */
    val peerAddress: String by lazy { PeerAddresses.of(channel) }

    /** Reads into [buffer]: bytes read, 0 when nothing is available, -1 at end of stream. */
    fun read(buffer: ByteBuffer): Int = channel.read(buffer)

    /** Writes from [buffer]: bytes written, 0 when the kernel buffer is full. */
    fun write(buffer: ByteBuffer): Int = channel.write(buffer)

    suspend fun awaitReadable() = selectable.await(SelectInterest.READ)

    suspend fun awaitWritable() = selectable.await(SelectInterest.WRITE)

    /** Writes every remaining byte of [buffer], suspending while the kernel buffer is full. */
    suspend fun writeFully(buffer: ByteBuffer) {
        while (buffer.hasRemaining()) {
            if (write(buffer) == 0) awaitWritable()
        }
    }

    fun close() = selectable.close()
}
