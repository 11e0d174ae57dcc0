package dev.zmqkt.mechanism

/**
 * A ZMTP command (RFC 23): a [name] of 1 to 255 printable ASCII characters and its [data], the bytes after the
 * name. On the wire the body is the name's length, the name, then the data; zmq-kt adds the frame header.
 */
@ZmqMechanismApi
public class HandshakeCommand(
    /** The command's name: `HELLO`, `WELCOME`, `INITIATE`, `READY`, `ERROR`, ... */
    public val name: String,
    /** The bytes after the name (not copied: do not change the array afterwards). */
    public val data: ByteArray,
) {
    init {
        require(name.length in 1..255 && name.all { it.code in 0x21..0x7E }) {
            "a command name is 1 to 255 printable ASCII characters: '$name'"
        }
    }

    override fun toString(): String = "HandshakeCommand($name, ${data.size} bytes)"

    public companion object {
        /** An ERROR command with [reason] (cut to 255 bytes), as RFC 23 defines it. */
        @JvmStatic
        public fun error(reason: String): HandshakeCommand {
            val text = reason.toByteArray(Charsets.UTF_8).let { if (it.size > 255) it.copyOf(255) else it }
            val data = ByteArray(1 + text.size)
            data[0] = text.size.toByte()
            text.copyInto(data, 1)
            return HandshakeCommand("ERROR", data)
        }

        /**
         * The reason of an ERROR command's [data].
         *
         * @throws MechanismException ([MechanismException.MALFORMED_COMMAND_ERROR]) when it is malformed.
         */
        @JvmStatic
        public fun errorReason(data: ByteArray): String {
            if (data.isEmpty() || 1 + (data[0].toInt() and 0xFF) > data.size) {
                throw MechanismException.protocol(MechanismException.MALFORMED_COMMAND_ERROR, "malformed ERROR command")
            }
            return String(data, 1, data[0].toInt() and 0xFF, Charsets.UTF_8)
        }
    }
}
