@file:OptIn(ZmqMechanismApi::class, DelicateZmqApi::class)

package dev.zmqkt.internal.codec

import dev.zmqkt.DelicateZmqApi
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.mechanism.ZapReply
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * ZAP requests and replies (RFC 27) as messages between a connection and the ZAP handler's socket, in the layout
 * libzmq uses (`zap_client.cpp`): an empty delimiter frame first (the handler is a REP or ROUTER), then the fields.
 */
internal object ZapMessages {
    const val VERSION = "1.0"

    /** libzmq sends one request per connection, always with this id. */
    const val REQUEST_ID = "1"

    private const val REPLY_FRAMES = 7

    /** A request: delimiter, version, request id, domain, address, routing id, mechanism, credentials... */
    fun request(
        domain: String,
        address: String,
        routingId: ByteArray,
        mechanism: String,
        credentials: List<ByteArray>,
    ): Message {
        val frames = ArrayList<Frame>(7 + credentials.size)
        frames += Frame.EMPTY
        frames += Frame.of(VERSION)
        frames += Frame.of(REQUEST_ID)
        frames += Frame.of(domain)
        frames += Frame.of(address)
        frames += Frame.of(routingId)
        frames += Frame.of(mechanism)
        for (c in credentials) frames += Frame.of(c)
        return Message(frames)
    }

    /**
     * Checks a reply as libzmq does and returns it; a malformed one raises [ZmtpProtocolException] with libzmq's
     * `ZMQ_PROTOCOL_ERROR_ZAP_*` code, checked in libzmq's order.
     */
    fun parseReply(reply: Message): ZapReply {
        if (reply.size != REPLY_FRAMES) {
            throw ZmtpProtocolException("ZAP reply has ${reply.size} frames, not $REPLY_FRAMES", ProtocolError.ZAP_MALFORMED_REPLY)
        }
        if (!reply[0].isEmpty) throw ZmtpProtocolException("ZAP reply does not start with an empty frame", ProtocolError.ZAP_UNSPECIFIED)
        if (reply[1].decodeToString() != VERSION) {
            throw ZmtpProtocolException("ZAP reply has version '${reply[1]}'", ProtocolError.ZAP_BAD_VERSION)
        }
        if (reply[2].decodeToString() != REQUEST_ID) {
            throw ZmtpProtocolException("ZAP reply has request id '${reply[2]}'", ProtocolError.ZAP_BAD_REQUEST_ID)
        }
        val status = reply[3].decodeToString()
        val valid = status.length == 3 && status[0] in '2'..'5' && status[1] == '0' && status[2] == '0'
        if (!valid) throw ZmtpProtocolException("ZAP reply has status code '$status'", ProtocolError.ZAP_INVALID_STATUS_CODE)
        val metadataBytes = reply[6].bytes()
        val metadata = Properties.decode(metadataBytes, 0, metadataBytes.size, ProtocolError.ZAP_INVALID_METADATA)
        return ZapReply(status.toInt(), reply[4].decodeToString(), reply[5].decodeToString(), metadata)
    }
}
