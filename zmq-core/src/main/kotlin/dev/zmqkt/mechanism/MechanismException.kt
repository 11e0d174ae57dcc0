package dev.zmqkt.mechanism

import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEventType

/**
 * A security handshake, or a wrapped frame after it, failed. Thrown by [MechanismHandshake], [FrameCodec] and
 * [MechanismContext]; zmq-kt then sends the ERROR command named by [errorCommandReason] (if any), raises the monitor
 * event [event] with [value], and drops the connection. Make one with the factory that says why, each matching
 * what libzmq does in that case.
 */
@ZmqMechanismApi
public class MechanismException private constructor(
    message: String,
    /** The monitor event to raise: one of the HANDSHAKE_FAILED_* kinds. */
    public val event: SocketEventType,
    /** The event's value: a [ProtocolError] code, a ZAP status code, or an errno number. */
    public val value: Int,
    /** The reason of the ERROR command to send the peer before closing, or null to close without one. */
    public val errorCommandReason: String?,
) : Exception(message) {

    public companion object {
        /** libzmq's `EFAULT`, the value of the event when ZAP is required but no handler is bound. */
        public const val EFAULT: Int = 14

        /** The protocol error codes, repeated here for mechanism code ([ProtocolError] has them all). */
        public const val UNSPECIFIED: Int = ProtocolError.ZMTP_UNSPECIFIED
        public const val UNEXPECTED_COMMAND: Int = ProtocolError.ZMTP_UNEXPECTED_COMMAND
        public const val INVALID_SEQUENCE: Int = ProtocolError.ZMTP_INVALID_SEQUENCE
        public const val KEY_EXCHANGE: Int = ProtocolError.ZMTP_KEY_EXCHANGE
        public const val MALFORMED_COMMAND_UNSPECIFIED: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED
        public const val MALFORMED_COMMAND_MESSAGE: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_MESSAGE
        public const val MALFORMED_COMMAND_HELLO: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO
        public const val MALFORMED_COMMAND_INITIATE: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_INITIATE
        public const val MALFORMED_COMMAND_ERROR: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
        public const val MALFORMED_COMMAND_READY: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_READY
        public const val MALFORMED_COMMAND_WELCOME: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_WELCOME
        public const val INVALID_METADATA: Int = ProtocolError.ZMTP_INVALID_METADATA
        public const val CRYPTOGRAPHIC: Int = ProtocolError.ZMTP_CRYPTOGRAPHIC

        /**
         * The peer broke the protocol: HANDSHAKE_FAILED_PROTOCOL with [code] (a [ProtocolError] value); no ERROR
         * is sent, as libzmq sends none for protocol errors.
         */
        @JvmStatic
        public fun protocol(code: Int, reason: String): MechanismException =
            MechanismException(reason, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, code, null)

        /**
         * Authentication failed with ZAP [statusCode] (300, 400 or 500): HANDSHAKE_FAILED_AUTH, and an ERROR whose
         * reason is the status code, except for 300 (a temporary failure closes without ERROR, RFC 27).
         */
        @JvmStatic
        public fun authFailed(statusCode: Int, reason: String): MechanismException = MechanismException(
            reason, SocketEventType.HANDSHAKE_FAILED_AUTH, statusCode,
            if (statusCode == 300) null else statusCode.toString(),
        )

        /**
         * ZAP is required but no handler is bound: HANDSHAKE_FAILED_NO_DETAIL with [EFAULT], no ERROR (libzmq:
         * a PLAIN server always; NULL and CURVE only with `zapEnforceDomain`).
         */
        @JvmStatic
        public fun noZapHandler(): MechanismException = MechanismException(
            "no ZAP handler is bound at inproc://zeromq.zap.01", SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, EFAULT, null,
        )

        /** The ZAP handler's socket closed before replying. */
        @JvmSynthetic
        internal fun zapHandlerGone(): MechanismException = MechanismException(
            "the ZAP handler closed before replying", SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, 0, null,
        )

        /**
         * The peer sent ERROR with [reason]: HANDSHAKE_FAILED_AUTH with the status when the reason is a ZAP status
         * code (300, 400, 500), as libzmq reports it; otherwise HANDSHAKE_FAILED_NO_DETAIL.
         */
        @JvmStatic
        public fun peerError(reason: String): MechanismException {
            val status = reason.takeIf { it.length == 3 && it[0] in '3'..'5' && it[1] == '0' && it[2] == '0' }
            return if (status != null) {
                MechanismException("peer refused: $reason", SocketEventType.HANDSHAKE_FAILED_AUTH, status.toInt(), null)
            } else {
                MechanismException("peer sent ERROR: $reason", SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, 0, null)
            }
        }
    }
}
