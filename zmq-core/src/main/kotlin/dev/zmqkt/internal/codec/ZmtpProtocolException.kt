package dev.zmqkt.internal.codec

import dev.zmqkt.ProtocolError

/**
 * The peer broke the ZMTP protocol; the connection is dropped. [code] is libzmq's `ZMQ_PROTOCOL_ERROR_*` value,
 * reported in the HANDSHAKE_FAILED_PROTOCOL monitor event.
 */
internal class ZmtpProtocolException(message: String, val code: Int = ProtocolError.ZMTP_UNSPECIFIED) :
    Exception(message)
