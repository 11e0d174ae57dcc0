package dev.zmqkt.devices

import dev.zmqkt.Message

/**
 * The commands a steerable proxy ([proxySteerable], [ProxySteerable]) takes on its control socket: libzmq 4.3's.
 * Each is a one-frame message holding the command's name in ASCII, as libzmq expects it, so a libzmq or pyzmq
 * program can steer a zmq-kt proxy and the reverse.
 */
public enum class ProxyCommand {
    /** Stop moving messages; nothing taken is lost, and what arrives waits in the sockets. */
    PAUSE,

    /** Move messages again after [PAUSE]. */
    RESUME,

    /** End the proxy: it delivers what it had taken and returns. */
    TERMINATE,

    /** Reply on the control socket with the counters (read the reply with [ProxyStatistics.fromMessage]). */
    STATISTICS,
    ;

    /** The command as a message to send to the control socket. */
    public fun toMessage(): Message = Message.of(name)

    public companion object {
        /** The command [message] holds, or null when it is not one (more than one frame, or another text). */
        @JvmStatic
        public fun of(message: Message): ProxyCommand? {
            if (message.size != 1) return null
            val frame = message[0]
            return entries.firstOrNull { c -> frame.size == c.name.length && c.name.indices.all { frame[it] == c.name[it].code.toByte() } }
        }
    }
}
