package dev.zmqkt.internal.codec

import dev.zmqkt.Metadata
import dev.zmqkt.ProtocolError

/**
 * ZMTP metadata on the wire: the name/value properties in READY (and PLAIN's and CURVE's INITIATE): for each, a
 * 1-byte name length, the name, a 4-byte big-endian value length, the value. Parsed into [Metadata].
 */
internal object Properties {
    const val SOCKET_TYPE = Metadata.SOCKET_TYPE
    const val IDENTITY = Metadata.IDENTITY

    /**
     * The properties a socket announces in its handshake: its type (the ZMTP name, e.g. `DEALER`), for the types
     * that send one (SocketTypeRules.sendsIdentity) its routing id, empty when it has none, then [extra] (the
     * application's `X-` properties, ZMQ_METADATA).
     */
    fun announced(zmtpType: String, routingId: ByteArray?, extra: Map<String, String> = emptyMap()): Metadata {
        val properties = mutableListOf(SOCKET_TYPE to zmtpType.toByteArray(Charsets.US_ASCII))
        if (SocketTypeRules.sendsIdentity(zmtpType)) properties += IDENTITY to (routingId ?: ByteArray(0))
        for ((name, value) in extra) properties += name to value.toByteArray(Charsets.UTF_8)
        return Metadata(properties)
    }

    fun encode(metadata: Metadata): ByteArray {
        val properties = metadata.entries
        var size = 0
        val names = properties.map { it.first.toByteArray(Charsets.US_ASCII) }
        for ((i, p) in properties.withIndex()) {
            require(names[i].size in 1..255) { "property name must be 1..255 bytes: ${p.first}" }
            size += 1 + names[i].size + 4 + p.second.size
        }
        val out = ByteArray(size)
        var at = 0
        for ((i, p) in properties.withIndex()) {
            out[at++] = names[i].size.toByte()
            names[i].copyInto(out, at); at += names[i].size
            val v = p.second
            out[at++] = (v.size ushr 24).toByte()
            out[at++] = (v.size ushr 16).toByte()
            out[at++] = (v.size ushr 8).toByte()
            out[at++] = v.size.toByte()
            v.copyInto(out, at); at += v.size
        }
        return out
    }

    /**
     * Parses properties from [data] between [offset] and [end]; a malformed list raises [ZmtpProtocolException]
     * with [errorCode].
     */
    fun decode(
        data: ByteArray,
        offset: Int = 0,
        end: Int = data.size,
        errorCode: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_READY,
    ): Metadata {
        val list = ArrayList<Pair<String, ByteArray>>()
        var at = offset
        while (at < end) {
            val nameLength = data[at].toInt() and 0xFF
            at++
            if (nameLength == 0 || at + nameLength > end) {
                throw ZmtpProtocolException("metadata name overruns the command", errorCode)
            }
            for (i in at until at + nameLength) {
                val c = data[i].toInt() and 0xFF
                val ok = c in 0x30..0x39 || c in 0x41..0x5A || c in 0x61..0x7A || c == '-'.code || c == '_'.code ||
                    c == '.'.code || c == '+'.code
                if (!ok) throw ZmtpProtocolException("metadata name has an invalid character", errorCode)
            }
            val name = String(data, at, nameLength, Charsets.US_ASCII)
            at += nameLength
            if (at + 4 > end) throw ZmtpProtocolException("metadata value length overruns the command", errorCode)
            val valueLength = ((data[at].toLong() and 0xFF) shl 24) or ((data[at + 1].toLong() and 0xFF) shl 16) or
                ((data[at + 2].toLong() and 0xFF) shl 8) or (data[at + 3].toLong() and 0xFF)
            at += 4
            if (valueLength > end - at) throw ZmtpProtocolException("metadata value overruns the command", errorCode)
            list += name to data.copyOfRange(at, at + valueLength.toInt())
            at += valueLength.toInt()
        }
        return Metadata(list)
    }
}
