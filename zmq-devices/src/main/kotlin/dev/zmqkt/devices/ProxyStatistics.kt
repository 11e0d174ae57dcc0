package dev.zmqkt.devices

import dev.zmqkt.Frame
import dev.zmqkt.Message
import java.nio.ByteBuffer
import java.nio.ByteOrder

/**
 * What a steerable proxy has moved, as its reply to [ProxyCommand.STATISTICS] reports it: libzmq's eight 64-bit
 * counters, in libzmq's order. A message counts once whatever its number of frames, and its bytes are the sum of
 * its frames' sizes (libzmq 4.3.4's rule; libzmq 4.3.5 and later count each frame as a message).
 *
 * ```kotlin
 * control.send(ProxyCommand.STATISTICS.toMessage())
 * val stats = ProxyStatistics.fromMessage(control.receive())
 * println("${stats.frontendMessagesIn} requests in, ${stats.backendMessagesOut} forwarded")
 * ```
 *
 * On the wire the reply is eight frames of eight bytes each, an unsigned integer in the byte order of the
 * machine libzmq runs on: little-endian on every platform libzmq's proxy is used on in practice (x86, ARM), and
 * zmq-kt always writes and reads little-endian, so a libzmq program reading zmq-kt's reply (or the reverse) gets
 * the same numbers.
 */
public class ProxyStatistics(
    /** Messages received from the frontend socket. */
    public val frontendMessagesIn: Long,
    /** Bytes received from the frontend socket. */
    public val frontendBytesIn: Long,
    /** Messages sent out of the frontend socket. */
    public val frontendMessagesOut: Long,
    /** Bytes sent out of the frontend socket. */
    public val frontendBytesOut: Long,
    /** Messages received from the backend socket. */
    public val backendMessagesIn: Long,
    /** Bytes received from the backend socket. */
    public val backendBytesIn: Long,
    /** Messages sent out of the backend socket. */
    public val backendMessagesOut: Long,
    /** Bytes sent out of the backend socket. */
    public val backendBytesOut: Long,
) {
    /** The eight counters in libzmq's order. */
    public fun toList(): List<Long> = listOf(
        frontendMessagesIn, frontendBytesIn, frontendMessagesOut, frontendBytesOut,
        backendMessagesIn, backendBytesIn, backendMessagesOut, backendBytesOut,
    )

    /** The STATISTICS reply: eight frames, each a little-endian 64-bit counter, in libzmq's order. */
    public fun toMessage(): Message = Message(toList().map { value ->
        Frame.of(ByteBuffer.allocate(Long.SIZE_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array())
    })

    override fun equals(other: Any?): Boolean = other is ProxyStatistics && other.toList() == toList()

    override fun hashCode(): Int = toList().hashCode()

    override fun toString(): String =
        "ProxyStatistics(frontend in $frontendMessagesIn msgs/$frontendBytesIn B, out $frontendMessagesOut msgs/" +
            "$frontendBytesOut B; backend in $backendMessagesIn msgs/$backendBytesIn B, out $backendMessagesOut msgs/" +
            "$backendBytesOut B)"

    public companion object {
        /**
         * Reads a STATISTICS reply (from zmq-kt's proxy or libzmq's `zmq_proxy_steerable`).
         *
         * @throws IllegalArgumentException when [message] is not eight frames of eight bytes.
         */
        @JvmStatic
        public fun fromMessage(message: Message): ProxyStatistics {
            require(message.size == 8 && message.all { it.size == Long.SIZE_BYTES }) {
                "a STATISTICS reply is 8 frames of 8 bytes, got ${message.frames.map { it.size }}"
            }
            val v = message.map { it.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).getLong(0) }
            return ProxyStatistics(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
        }
    }
}
