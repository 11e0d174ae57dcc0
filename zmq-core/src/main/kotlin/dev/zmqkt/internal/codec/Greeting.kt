package dev.zmqkt.internal.codec

import java.nio.ByteBuffer

/**
 * The 64-byte ZMTP greeting (RFC 23 and 37): signature, version, security mechanism and the as-server flag.
 *
 * Layout: `FF` + 8 padding bytes + `7F` (signature, 10 bytes), major and minor version (2 bytes), mechanism name
 * padded with zeros (20 bytes), as-server (1 byte), zero filler (31 bytes).
 */
internal data class Greeting(
    val major: Int,
    val minor: Int,
    val mechanism: String,
    val asServer: Boolean,
) {
    /** Whether the peer speaks ZMTP 3.1 or later (commands for subscriptions, PING/PONG). */
    val isZmtp31OrLater: Boolean get() = major > 3 || (major == 3 && minor >= 1)

    fun encode(): ByteArray {
        val out = ByteArray(SIZE)
        out[0] = 0xFF.toByte()
        out[9] = 0x7F
        out[10] = major.toByte()
        out[11] = minor.toByte()
        val name = mechanism.toByteArray(Charsets.US_ASCII)
        require(name.size <= MECHANISM_SIZE) { "mechanism name too long: $mechanism" }
        name.copyInto(out, MECHANISM_OFFSET)
        out[AS_SERVER_OFFSET] = if (asServer) 1 else 0
        return out
    }

    companion object {
        const val SIZE = 64
        const val SIGNATURE_SIZE = 10
        private const val MECHANISM_OFFSET = 12
        private const val MECHANISM_SIZE = 20
        private const val AS_SERVER_OFFSET = 32

        /** Our own greeting: ZMTP 3.1 with [mechanism]. */
        fun ours(mechanism: String, asServer: Boolean): Greeting = Greeting(3, 1, mechanism, asServer)

        /**
         * Checks the first [SIGNATURE_SIZE] bytes at [buffer]'s position: the peer must speak ZMTP 3 or later,
         * which starts with `FF` and has bit 0 of byte 9 set. Older peers (ZMTP 1.0, 2.0) are refused.
         */
        fun checkSignature(buffer: ByteBuffer) {
            val p = buffer.position()
            if (buffer.get(p) != 0xFF.toByte() || (buffer.get(p + 9).toInt() and 1) == 0) {
                throw ZmtpProtocolException("peer did not send a ZMTP 3 greeting signature")
            }
        }

        /** Parses a full greeting at [buffer]'s position, consuming [SIZE] bytes. */
        fun decode(buffer: ByteBuffer): Greeting {
            require(buffer.remaining() >= SIZE) { "need $SIZE bytes, have ${buffer.remaining()}" }
            checkSignature(buffer)
            val start = buffer.position()
            val major = buffer.get(start + 10).toInt() and 0xFF
            val minor = buffer.get(start + 11).toInt() and 0xFF
            if (major < 3) throw ZmtpProtocolException("peer speaks ZMTP $major.$minor; zmq-kt needs 3.0 or later")
            val name = StringBuilder()
            for (i in 0 until MECHANISM_SIZE) {
                val b = buffer.get(start + MECHANISM_OFFSET + i).toInt() and 0xFF
                if (b == 0) break
                if (b < 0x20 || b > 0x7E) throw ZmtpProtocolException("mechanism name is not printable ASCII")
                name.append(b.toChar())
            }
            val asServer = buffer.get(start + AS_SERVER_OFFSET).toInt() == 1
            buffer.position(start + SIZE)
            return Greeting(major, minor, name.toString(), asServer)
        }
    }
}
