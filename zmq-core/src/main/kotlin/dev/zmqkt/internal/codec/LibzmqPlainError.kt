package dev.zmqkt.internal.codec

/**
 * libzmq's PLAIN mechanism (4.2 to 4.3.5 at least) writes and expects its ERROR command wrongly: its prefix is the
 * C literal `"\x05ERROR"`, where the hex escape takes the `E` too, so the body starts `0x5E 'R' 'R' 'O' 'R'` (a
 * "name length" of 94) instead of `0x05 'E' 'R' 'R' 'O' 'R'`. A libzmq PLAIN client does not recognise a correct
 * ERROR (it fails with ZMTP_UNEXPECTED_COMMAND instead of reporting the ZAP status), and a libzmq PLAIN server sends
 * only the wrong one. zmq-kt reads both forms, and a PLAIN server writes libzmq's form to peers that greet as
 * ZMTP 3.1 (libzmq does; JeroMQ greets as 3.0 and gets the RFC's form).
 */
internal object LibzmqPlainError {
    private val PREFIX = byteArrayOf(0x5E, 'R'.code.toByte(), 'R'.code.toByte(), 'O'.code.toByte(), 'R'.code.toByte())

    /** Whether [body] is libzmq's PLAIN ERROR: its prefix, in a body too short for a real 94-byte name. */
    fun matches(body: ByteArray): Boolean {
        if (body.size < PREFIX.size || body.size >= 1 + 0x5E) return false
        for (i in PREFIX.indices) if (body[i] != PREFIX[i]) return false
        return true
    }

    /** libzmq's body read as the ERROR command it means. */
    fun decode(body: ByteArray): Command = Command(Command.ERROR, body.copyOfRange(PREFIX.size, body.size))

    /** An ERROR with [reason] in libzmq's PLAIN form. */
    fun encode(reason: String): ByteArray {
        val data = Command.error(reason).data
        return PREFIX + data
    }
}
