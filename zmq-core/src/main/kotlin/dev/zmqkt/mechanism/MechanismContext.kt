package dev.zmqkt.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType

/**
 * What zmq-kt gives a [MechanismHandshake] for one connection: the socket's settings, the properties to announce,
 * a parser for the peer's properties, and ZAP (RFC 27).
 *
 * ### Concurrency
 * Used by one handshake, from one coroutine at a time.
 */
@ZmqMechanismApi
public interface MechanismContext {
    /** The socket's type. */
    public val socketType: SocketType

    /**
     * The socket's options as they were when the connection started (read them; setting them has no effect on the
     * socket). Curve keys are 32 raw bytes ([SocketOptions.curvePublicKey], ...), whatever form the user gave.
     */
    public val options: SocketOptions

    /** Whether this side takes the mechanism's server role (`plainServer`/`curveServer`), bind or connect alike. */
    public val isServer: Boolean

    /**
     * The peer's address as libzmq reports it in ZAP requests and the `Peer-Address` property: the IP address
     * (no port) for tcp, empty for ipc.
     */
    public val peerAddress: String

    /**
     * The properties this socket announces (`Socket-Type`, `Identity` for the types that send one, and the
     * application's `X-` properties), encoded as ZMTP metadata (name length, name, 4-byte value length, value),
     * ready to put in READY or INITIATE. A new array each call.
     */
    public fun ourProperties(): ByteArray

    /**
     * Parses ZMTP metadata from [data] ([length] bytes from [offset]) into the peer's properties. A malformed list
     * raises [MechanismException] with [errorCode] as its protocol error (libzmq uses
     * [MechanismException.MALFORMED_COMMAND_READY] or [MechanismException.MALFORMED_COMMAND_INITIATE] by command).
     * Whether the announced `Socket-Type` may talk to this socket is checked by zmq-kt once the handshake is
     * complete.
     */
    public fun parseProperties(data: ByteArray, offset: Int, length: Int, errorCode: Int): Metadata

    /**
     * Asks the context's ZAP handler (the socket bound at `inproc://zeromq.zap.01` in the socket's context)
     * whether the peer may connect: sends the request (version "1.0", a request id, the socket's `zapDomain`, the
     * peer's address, the socket's routing id, [mechanism] and [credentials], one frame each) and suspends, holding
     * no thread, until the reply comes. The handshake's time limit (`handshakeInterval`) covers the wait; a
     * peer that closes the connection meanwhile ends the handshake.
     *
     * Returns the reply, or null when no handler is bound (libzmq's rules for that case differ by mechanism: NULL
     * and CURVE then go on unless `zapEnforceDomain` is set; PLAIN fails, see [MechanismException.noZapHandler]).
     * A reply with status 200 gives the connection its `User-Id` and metadata (see [Metadata]); for 300, 400 and 500
     * the mechanism fails the handshake with [ZapReply.failure], which also raises the monitor event.
     *
     * @throws MechanismException when the reply is malformed (libzmq's `ZMQ_PROTOCOL_ERROR_ZAP_*` codes: wrong
     *   number of frames, bad version, wrong request id, invalid status code, bad metadata).
     */
    public suspend fun authenticate(mechanism: String, credentials: List<ByteArray>): ZapReply?
}
