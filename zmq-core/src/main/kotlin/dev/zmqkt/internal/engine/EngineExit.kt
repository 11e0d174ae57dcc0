package dev.zmqkt.internal.engine

/** Why an engine stopped, which decides the monitor event and whether its session reconnects. */
internal sealed class EngineExit(val description: String) {
    /**
     * The handshake did not complete in time, the connection dropped during it, or it failed for a reason libzmq
     * reports without detail; [errno] is the event's value (libzmq's errno, 0 when it has none).
     */
    class HandshakeFailed(description: String, val errno: Int = 0) : EngineExit(description)

    /** The peer broke the protocol during the handshake; [code] is a `ZMQ_PROTOCOL_ERROR_*` value. */
    class HandshakeProtocolError(description: String, val code: Int) : EngineExit(description)

    /** The peer failed authentication; [statusCode] is the ZAP status code. */
    class HandshakeAuthFailed(description: String, val statusCode: Int) : EngineExit(description)

    /** The socket refused the peer after the handshake (PAIR already has one, or the socket closed). */
    class Refused(description: String) : EngineExit(description)

    /** The connection ended after the handshake: closed by the peer, an I/O error or a heartbeat timeout. */
    class Disconnected(description: String) : EngineExit(description)

    /**
     * The peer broke the protocol after the handshake; [eventCode], when not null, is raised as a
     * HANDSHAKE_FAILED_PROTOCOL event (libzmq does so when the mechanism refuses a frame).
     */
    class ProtocolError(description: String, val eventCode: Int? = null) : EngineExit(description)

    /** The socket side closed and everything queued was written (linger done). */
    object Finished : EngineExit("all queued messages written")

    /** Whether the connecting side should try again (libzmq stops after protocol errors). */
    val allowsReconnect: Boolean
        get() = this is HandshakeFailed || this is Disconnected || this is Refused

    override fun toString(): String = "${javaClass.simpleName}($description)"
}
