package dev.zmqkt.internal.mechanism

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.Metadata

/**
 * A ZMTP security mechanism's handshake, as a state machine with no I/O (libzmq's `mechanism_t`): the engine
 * sends whatever [nextCommand] yields, feeds every received command to [receive], and stops when [status]
 * is [Status.READY] or [Status.FAILED].
 */
internal interface Mechanism {
    /** The name in the greeting: NULL, PLAIN or CURVE. */
    val name: String

    /** Where the handshake stands. */
    val status: Status

    /** The peer's properties (Socket-Type, Identity, ...) once [status] is READY. */
    val peerMetadata: Metadata

    /** Why the handshake failed, once [status] is FAILED. */
    val failure: HandshakeFailure?

    /** The next command to send, or null when there is nothing to send now. */
    fun nextCommand(): Command?

    /** Handles a command received during the handshake. Raises ZmtpProtocolException on a protocol error. */
    fun receive(command: Command)

    enum class Status { HANDSHAKING, READY, FAILED }
}

/**
 * Why a handshake failed: the reason to put in an ERROR command (null to send none) and the monitor event to
 * raise: a protocol error code, or an authentication status code.
 */
internal data class HandshakeFailure(
    val reason: String,
    val errorToSend: String?,
    val protocolErrorCode: Int? = null,
    val authStatusCode: Int? = null,
)
