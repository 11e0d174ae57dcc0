package dev.zmqkt.auth.internal.curve

/**
 * A CURVE handshake command as the state machines exchange it: the command [name] and its [data], the bytes after
 * the name on the wire. libzmq measures commands with their name (`\u0005HELLO` + data = 200 bytes); the sizes here
 * are of [data] alone.
 */
internal class CurveCommand(val name: String, val data: ByteArray) {
    override fun toString(): String = "CurveCommand($name, ${data.size} bytes)"

    companion object {
        const val HELLO = "HELLO"
        const val WELCOME = "WELCOME"
        const val INITIATE = "INITIATE"
        const val READY = "READY"
        const val ERROR = "ERROR"
        const val MESSAGE = "MESSAGE"
    }
}
