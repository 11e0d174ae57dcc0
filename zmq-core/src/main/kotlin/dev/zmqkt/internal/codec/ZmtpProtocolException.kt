package dev.zmqkt.internal.codec

import dev.zmqkt.ProtocolError

/**
 * The peer broke the ZMTP protocol; the connection is dropped. [code] is libzmq's `ZMQ_PROTOCOL_ERROR_*` value,
 * reported in the HANDSHAKE_FAILED_PROTOCOL monitor event during the handshake, and after it when
 * [reportedAfterHandshake] (a mechanism's frame codec refused a frame: libzmq reports those too).
 */
internal class ZmtpProtocolException(
    message: String,
    val code: Int = ProtocolError.ZMTP_UNSPECIFIED,
    val reportedAfterHandshake: Boolean = false,
) : Exception(message)
