package dev.zmqkt.internal.codec

import dev.zmqkt.Metadata
import dev.zmqkt.ProtocolError

/**
 * A ZMTP command frame's body: a name (1 to 255 ASCII bytes, preceded by its length) and command data.
 * Commands are single frames with the COMMAND flag (RFC 23 section "Commands").
 */
internal class Command(val name: String, val data: ByteArray) {

    /** The whole frame body: name length, name, data. */
    fun encode(): ByteArray {
        val nameBytes = name.toByteArray(Charsets.US_ASCII)
        require(nameBytes.size in 1..255) { "command name must be 1..255 bytes" }
        val out = ByteArray(1 + nameBytes.size + data.size)
        out[0] = nameBytes.size.toByte()
        nameBytes.copyInto(out, 1)
        data.copyInto(out, 1 + nameBytes.size)
        return out
    }

    override fun toString(): String = "Command($name, ${data.size} bytes)"

    companion object {
        const val READY = "READY"
        const val ERROR = "ERROR"
        const val PING = "PING"
        const val PONG = "PONG"
        const val SUBSCRIBE = "SUBSCRIBE"
        const val CANCEL = "CANCEL"

        /** The longest PING context RFC 37 allows. */
        const val MAX_PING_CONTEXT = 16

        /** Parses a command frame body. */
        fun decode(body: ByteArray): Command {
            if (body.isEmpty()) throw ZmtpProtocolException("empty command frame", ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED)
            if (LibzmqPlainError.matches(body)) return LibzmqPlainError.decode(body)
            val nameLength = body[0].toInt() and 0xFF
            if (nameLength == 0 || 1 + nameLength > body.size) {
                throw ZmtpProtocolException("command name length $nameLength does not fit a ${body.size}-byte frame",
                    ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED)
            }
            for (i in 1..nameLength) {
                val c = body[i].toInt() and 0xFF
                if (c < 0x21 || c > 0x7E) {
                    throw ZmtpProtocolException("command name is not printable ASCII", ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED)
                }
            }
            val name = String(body, 1, nameLength, Charsets.US_ASCII)
            return Command(name, body.copyOfRange(1 + nameLength, body.size))
        }

        fun ready(properties: Metadata): Command = Command(READY, Properties.encode(properties))

        /** ERROR with a reason of at most 255 bytes (longer reasons are cut). */
        fun error(reason: String): Command {
            val text = reason.toByteArray(Charsets.UTF_8).let { if (it.size > 255) it.copyOf(255) else it }
            val data = ByteArray(1 + text.size)
            data[0] = text.size.toByte()
            text.copyInto(data, 1)
            return Command(ERROR, data)
        }

        /** Reads the reason of an ERROR command. */
        fun errorReason(command: Command): String {
            val data = command.data
            if (data.isEmpty()) throw ZmtpProtocolException("ERROR without reason length", ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR)
            val length = data[0].toInt() and 0xFF
            if (1 + length > data.size) throw ZmtpProtocolException("ERROR reason overruns the frame", ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR)
            return String(data, 1, length, Charsets.UTF_8)
        }

        /** PING with a time-to-live in deciseconds and up to 16 bytes of context. */
        fun ping(ttlDeciseconds: Int, context: ByteArray): Command {
            require(ttlDeciseconds in 0..0xFFFF) { "ttl out of range: $ttlDeciseconds" }
            require(context.size <= MAX_PING_CONTEXT) { "ping context too long" }
            val data = ByteArray(2 + context.size)
            data[0] = (ttlDeciseconds ushr 8).toByte()
            data[1] = ttlDeciseconds.toByte()
            context.copyInto(data, 2)
            return Command(PING, data)
        }

        /** The TTL of a PING, in deciseconds. */
        fun pingTtl(command: Command): Int {
            if (command.data.size < 2) throw ZmtpProtocolException("PING shorter than its TTL", ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED)
            return ((command.data[0].toInt() and 0xFF) shl 8) or (command.data[1].toInt() and 0xFF)
        }

        /** The PONG answering [ping]: it echoes the ping's context. */
        fun pongFor(ping: Command): Command {
            val context = ping.data.copyOfRange(2, minOf(ping.data.size, 2 + MAX_PING_CONTEXT))
            return Command(PONG, context)
        }
    }
}
