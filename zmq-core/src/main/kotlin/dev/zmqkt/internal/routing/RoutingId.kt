package dev.zmqkt.internal.routing

import java.util.concurrent.ThreadLocalRandom

/** A peer's routing id as a map key: byte arrays compared by content. */
internal class RoutingId(val bytes: ByteArray) {
    override fun equals(other: Any?): Boolean = other is RoutingId && other.bytes.contentEquals(bytes)
    override fun hashCode(): Int = bytes.contentHashCode()
    override fun toString(): String = bytes.joinToString("") { "%02x".format(it) }

    /** Makes ids for peers that announce none: a zero byte, then a 32-bit counter (as libzmq does). */
    class Generator {
        private var next = ThreadLocalRandom.current().nextInt()

        fun next(): RoutingId {
            val n = next++
            return RoutingId(byteArrayOf(0, (n ushr 24).toByte(), (n ushr 16).toByte(), (n ushr 8).toByte(), n.toByte()))
        }
    }
}
