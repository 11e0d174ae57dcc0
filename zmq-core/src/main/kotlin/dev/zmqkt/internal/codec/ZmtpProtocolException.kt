package dev.zmqkt.internal.codec

/**
 * The peer broke the ZMTP protocol; the connection is dropped. [code] is libzmq's `ZMQ_PROTOCOL_ERROR_*` value,
 * reported in the HANDSHAKE_FAILED_PROTOCOL monitor event.
 */
internal class ZmtpProtocolException(message: String, val code: Int = ProtocolError.ZMTP_UNSPECIFIED) :
    Exception(message)

/** libzmq's `ZMQ_PROTOCOL_ERROR_*` codes (zmq.h). */
internal object ProtocolError {
    const val ZMTP_UNSPECIFIED = 0x10000000
    const val ZMTP_UNEXPECTED_COMMAND = 0x10000001
    const val ZMTP_INVALID_SEQUENCE = 0x10000002
    const val ZMTP_KEY_EXCHANGE = 0x10000003
    const val ZMTP_MALFORMED_COMMAND_UNSPECIFIED = 0x10000011
    const val ZMTP_MALFORMED_COMMAND_MESSAGE = 0x10000012
    const val ZMTP_MALFORMED_COMMAND_HELLO = 0x10000013
    const val ZMTP_MALFORMED_COMMAND_INITIATE = 0x10000014
    const val ZMTP_MALFORMED_COMMAND_ERROR = 0x10000015
    const val ZMTP_MALFORMED_COMMAND_READY = 0x10000016
    const val ZMTP_MALFORMED_COMMAND_WELCOME = 0x10000017
    const val ZMTP_INVALID_METADATA = 0x10000018
    const val ZMTP_CRYPTOGRAPHIC = 0x11000001
    const val ZMTP_MECHANISM_MISMATCH = 0x11000002
    const val ZAP_UNSPECIFIED = 0x20000000
    const val ZAP_MALFORMED_REPLY = 0x20000001
    const val ZAP_BAD_REQUEST_ID = 0x20000002
    const val ZAP_BAD_VERSION = 0x20000003
    const val ZAP_INVALID_STATUS_CODE = 0x20000004
    const val ZAP_INVALID_METADATA = 0x20000005
}
