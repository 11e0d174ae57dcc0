package dev.zmqkt

/**
 * libzmq's `ZMQ_PROTOCOL_ERROR_*` codes (zmq.h; pyzmq's `zmq.PROTOCOL_ERROR_*`): the value of a
 * [SocketEventType.HANDSHAKE_FAILED_PROTOCOL] event says which rule the peer (or the ZAP handler) broke.
 */
public object ProtocolError {
    /** A ZMTP error without a more precise code. */
    public const val ZMTP_UNSPECIFIED: Int = 0x10000000

    /** A command the handshake did not expect at this point. */
    public const val ZMTP_UNEXPECTED_COMMAND: Int = 0x10000001

    /** A command out of sequence. */
    public const val ZMTP_INVALID_SEQUENCE: Int = 0x10000002

    /** The key exchange failed. */
    public const val ZMTP_KEY_EXCHANGE: Int = 0x10000003

    /** A malformed command. */
    public const val ZMTP_MALFORMED_COMMAND_UNSPECIFIED: Int = 0x10000011

    /** A malformed MESSAGE command (CURVE). */
    public const val ZMTP_MALFORMED_COMMAND_MESSAGE: Int = 0x10000012

    /** A malformed HELLO command. */
    public const val ZMTP_MALFORMED_COMMAND_HELLO: Int = 0x10000013

    /** A malformed INITIATE command. */
    public const val ZMTP_MALFORMED_COMMAND_INITIATE: Int = 0x10000014

    /** A malformed ERROR command. */
    public const val ZMTP_MALFORMED_COMMAND_ERROR: Int = 0x10000015

    /** A malformed READY command. */
    public const val ZMTP_MALFORMED_COMMAND_READY: Int = 0x10000016

    /** A malformed WELCOME command. */
    public const val ZMTP_MALFORMED_COMMAND_WELCOME: Int = 0x10000017

    /** Invalid metadata, or a peer socket type that cannot talk to this socket. */
    public const val ZMTP_INVALID_METADATA: Int = 0x10000018

    /** A box that does not open, a replayed nonce (CURVE). */
    public const val ZMTP_CRYPTOGRAPHIC: Int = 0x11000001

    /** The peer uses another security mechanism. */
    public const val ZMTP_MECHANISM_MISMATCH: Int = 0x11000002

    /** A ZAP error without a more precise code (e.g. a reply whose first frame is not empty). */
    public const val ZAP_UNSPECIFIED: Int = 0x20000000

    /** A ZAP reply with the wrong number of frames. */
    public const val ZAP_MALFORMED_REPLY: Int = 0x20000001

    /** A ZAP reply whose request id is not the request's. */
    public const val ZAP_BAD_REQUEST_ID: Int = 0x20000002

    /** A ZAP reply whose version is not "1.0". */
    public const val ZAP_BAD_VERSION: Int = 0x20000003

    /** A ZAP reply whose status code is not 200, 300, 400 or 500. */
    public const val ZAP_INVALID_STATUS_CODE: Int = 0x20000004

    /** A ZAP reply whose metadata is malformed. */
    public const val ZAP_INVALID_METADATA: Int = 0x20000005
}
