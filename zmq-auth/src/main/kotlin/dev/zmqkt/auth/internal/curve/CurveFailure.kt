package dev.zmqkt.auth.internal.curve

/**
 * The CURVE peer broke the protocol; [code] is the libzmq `ZMQ_PROTOCOL_ERROR_*` value the monitor reports (see
 * [CurveErrorCodes]). The connection is dropped without an ERROR command, as libzmq does.
 */
internal class CurveProtocolException(val code: Int, message: String) : Exception(message)

/** The CURVE peer sent ERROR with [reason] during the handshake. */
internal class CurvePeerErrorException(val reason: String) : Exception("peer sent ERROR: $reason")

/** libzmq's `ZMQ_PROTOCOL_ERROR_*` codes (zmq.h) that the CURVE mechanism raises. */
internal object CurveErrorCodes {
    const val UNSPECIFIED: Int = 0x10000000
    const val UNEXPECTED_COMMAND: Int = 0x10000001
    const val INVALID_SEQUENCE: Int = 0x10000002
    const val KEY_EXCHANGE: Int = 0x10000003
    const val MALFORMED_COMMAND_UNSPECIFIED: Int = 0x10000011
    const val MALFORMED_COMMAND_MESSAGE: Int = 0x10000012
    const val MALFORMED_COMMAND_HELLO: Int = 0x10000013
    const val MALFORMED_COMMAND_INITIATE: Int = 0x10000014
    const val MALFORMED_COMMAND_ERROR: Int = 0x10000015
    const val MALFORMED_COMMAND_READY: Int = 0x10000016
    const val MALFORMED_COMMAND_WELCOME: Int = 0x10000017
    const val INVALID_METADATA: Int = 0x10000018
    const val CRYPTOGRAPHIC: Int = 0x11000001
}
