package dev.zmqkt.auth.internal.curve

import dev.zmqkt.ProtocolError

/**
 * The CURVE peer broke the protocol; [code] is the libzmq `ZMQ_PROTOCOL_ERROR_*` value the monitor reports (see
 * [CurveErrorCodes]). The connection is dropped without an ERROR command, as libzmq does.
 */
internal class CurveProtocolException(val code: Int, message: String) : Exception(message)

/** The CURVE peer sent ERROR with [reason] during the handshake. */
internal class CurvePeerErrorException(val reason: String) : Exception("peer sent ERROR: $reason")

/** libzmq's `ZMQ_PROTOCOL_ERROR_*` codes ([ProtocolError]) that the CURVE mechanism raises, by short name. */
internal object CurveErrorCodes {
    const val UNSPECIFIED: Int = ProtocolError.ZMTP_UNSPECIFIED
    const val UNEXPECTED_COMMAND: Int = ProtocolError.ZMTP_UNEXPECTED_COMMAND
    const val INVALID_SEQUENCE: Int = ProtocolError.ZMTP_INVALID_SEQUENCE
    const val KEY_EXCHANGE: Int = ProtocolError.ZMTP_KEY_EXCHANGE
    const val MALFORMED_COMMAND_UNSPECIFIED: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED
    const val MALFORMED_COMMAND_MESSAGE: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_MESSAGE
    const val MALFORMED_COMMAND_HELLO: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO
    const val MALFORMED_COMMAND_INITIATE: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_INITIATE
    const val MALFORMED_COMMAND_ERROR: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
    const val MALFORMED_COMMAND_READY: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_READY
    const val MALFORMED_COMMAND_WELCOME: Int = ProtocolError.ZMTP_MALFORMED_COMMAND_WELCOME
    const val INVALID_METADATA: Int = ProtocolError.ZMTP_INVALID_METADATA
    const val CRYPTOGRAPHIC: Int = ProtocolError.ZMTP_CRYPTOGRAPHIC
}
