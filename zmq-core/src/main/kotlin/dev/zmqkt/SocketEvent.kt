@file:OptIn(dev.zmqkt.DelicateZmqApi::class)

package dev.zmqkt

/**
 * The kinds of socket monitor events, with libzmq's `ZMQ_EVENT_*` numbers as [code] (so a set of kinds can be
 * written as libzmq's bit mask).
 */
public enum class SocketEventType(public val code: Int) {
    /** A connect attempt succeeded at the transport level. */
    CONNECTED(0x0001),

    /** A connect attempt is in progress and did not complete at once. */
    CONNECT_DELAYED(0x0002),

    /**
     * A connect attempt failed or a connection was lost, and another attempt is scheduled; the value is the wait
     * in milliseconds, the reason says why the last attempt failed (e.g. a host name that does not resolve, a
     * refused connection). Emitted once per failed attempt, as long as the attempts go on.
     */
    CONNECT_RETRIED(0x0004),

    /** The socket is bound and listening. */
    LISTENING(0x0008),

    /** A bind failed. */
    BIND_FAILED(0x0010),

    /** A connection was accepted on a bound endpoint. */
    ACCEPTED(0x0020),

    /** Accepting a connection failed. */
    ACCEPT_FAILED(0x0040),

    /** A listener or connection was closed by this side. */
    CLOSED(0x0080),

    /** Closing a listener or connection failed. */
    CLOSE_FAILED(0x0100),

    /** A connection was lost after its handshake. */
    DISCONNECTED(0x0200),

    /** The monitor ended; no more events follow. */
    MONITOR_STOPPED(0x0400),

    /** A handshake failed without a protocol or authentication reason (a timeout, or the connection dropped). */
    HANDSHAKE_FAILED_NO_DETAIL(0x0800),

    /**
     * The ZMTP handshake (greeting and security mechanism) completed and the peer is attached to the socket, so
     * messages can be routed to it. A peer the socket refuses (a second PAIR peer, a ROUTER id in use) gets a
     * DISCONNECTED instead.
     */
    HANDSHAKE_SUCCEEDED(0x1000),

    /** The handshake failed on a protocol error; the value is libzmq's `ZMQ_PROTOCOL_ERROR_*` code. */
    HANDSHAKE_FAILED_PROTOCOL(0x2000),

    /** The handshake failed authentication; the value is the ZAP status code (300, 400, 500). */
    HANDSHAKE_FAILED_AUTH(0x4000),
    ;

    public companion object {
        /** The kind with libzmq number [code], or null. */
        @JvmStatic
        public fun fromCode(code: Int): SocketEventType? = entries.firstOrNull { it.code == code }
    }
}

/**
 * One event from a socket monitor.
 *
 * @property type what happened.
 * @property endpoint the endpoint it concerns: the bound endpoint for listening and accepted connections, the
 *   connected endpoint for outgoing ones; empty for [SocketEventType.MONITOR_STOPPED].
 * @property value the event's number, as in libzmq: a connection id where libzmq gives a file descriptor,
 *   the reconnect wait in milliseconds for CONNECT_RETRIED, the protocol error code or ZAP status code for a
 *   failed handshake, 0 otherwise.
 * @property reason a human-readable explanation for failures, or null.
 */
public class SocketEvent(
    public val type: SocketEventType,
    public val endpoint: String,
    public val value: Long,
    public val reason: String? = null,
) {
    override fun toString(): String =
        "SocketEvent($type, $endpoint, value=$value${if (reason != null) ", $reason" else ""})"

    public companion object {
        /**
         * Reads an event from a message published by [Socket.monitor] with an endpoint (libzmq's monitor format, as
         * pyzmq's `parse_monitor_message` does): a 6-byte frame with the event number and value, then the endpoint.
         *
         * @throws IllegalArgumentException when the message is not in that format.
         */
        @JvmStatic
        public fun fromMonitorMessage(message: Message): SocketEvent {
            require(message.size == 2 && message[0].size == 6) { "not a monitor event message: $message" }
            val head = java.nio.ByteBuffer.wrap(message[0].bytes()).order(java.nio.ByteOrder.nativeOrder())
            val code = head.getShort().toInt() and 0xFFFF
            val value = head.getInt().toLong() and 0xFFFF_FFFFL
            val type = SocketEventType.fromCode(code) ?: throw IllegalArgumentException("unknown event number $code")
            return SocketEvent(type, message[1].decodeToString(), value)
        }
    }
}
