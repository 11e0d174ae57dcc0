package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305

/**
 * The client side of the CurveZMQ handshake (RFC 25/26) as a state machine with no I/O: HELLO, then WELCOME in,
 * INITIATE out, READY in. The caller sends what [nextCommand] yields and feeds every command received to
 * [receive]; once [isComplete], [peerMetadata] holds the server's properties (encoded ZMTP metadata) and [codec]
 * carries the traffic.
 *
 * Failures are thrown: [CurveProtocolException] with libzmq's monitor code, or [CurvePeerErrorException] when the
 * server sent ERROR (a ZAP refusal: "400").
 *
 * @param publicKey the client's long-term public key C.
 * @param secretKey its secret key c.
 * @param serverKey the server's long-term public key S.
 * @param metadata the client's properties, encoded, sent in INITIATE.
 */
internal class CurveClientHandshake(
    private val publicKey: ByteArray,
    private val secretKey: ByteArray,
    private val serverKey: ByteArray,
    private val metadata: ByteArray,
) {
    private enum class State { SEND_HELLO, EXPECT_WELCOME, SEND_INITIATE, EXPECT_READY, COMPLETE }

    private var state = State.SEND_HELLO
    private val shortPublic: ByteArray
    private val shortSecret: ByteArray
    private var nonce = 1L
    private var serverShortPublic: ByteArray? = null
    private var cookie: ByteArray? = null
    private var sessionKey: ByteArray? = null
    private var session: XSalsa20Poly1305? = null

    init {
        val (public, secret) = CryptoBox.keyPair()
        shortPublic = public
        shortSecret = secret
    }

    /** True once READY arrived and checked out. */
    val isComplete: Boolean get() = state == State.COMPLETE

    /** The server's metadata from READY, once [isComplete]. */
    var peerMetadata: ByteArray = ByteArray(0)
        private set

    /** The MESSAGE codec for the traffic, once [isComplete]. */
    lateinit var codec: CurveMessageCodec
        private set

    /** HELLO at first, INITIATE after WELCOME, else null. */
    fun nextCommand(): CurveCommand? = when (state) {
        State.SEND_HELLO -> CurveHello.produce(serverKey, shortPublic, shortSecret, nonce++).also { state = State.EXPECT_WELCOME }
        State.SEND_INITIATE -> CurveInitiate.produce(
            cookie!!, nonce++, session!!, publicKey, secretKey, shortPublic, serverShortPublic!!, serverKey, metadata,
        ).also {
            cookie = null
            state = State.EXPECT_READY
        }
        else -> null
    }

    /** Handles the server's [command]. */
    fun receive(command: CurveCommand) {
        when {
            command.name == CurveCommand.WELCOME && state == State.EXPECT_WELCOME -> {
                val welcome = CurveWelcome.open(command.data, serverKey, shortSecret)
                val key = CryptoBox.beforeNm(welcome.serverShortPublic, shortSecret)
                    ?: throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "WELCOME: the server's short-term key has small order")
                serverShortPublic = welcome.serverShortPublic
                cookie = welcome.cookie
                sessionKey = key
                session = XSalsa20Poly1305(key)
                state = State.SEND_INITIATE
            }
            command.name == CurveCommand.READY && state == State.EXPECT_READY -> {
                val ready = CurveReady.open(command.data, session!!)
                peerMetadata = ready.metadata
                codec = CurveMessageCodec(sessionKey!!, asServer = false, firstNonce = nonce, lastPeerNonce = ready.shortNonce)
                forgetSecrets()
                state = State.COMPLETE
            }
            command.name == CurveCommand.ERROR && (state == State.EXPECT_WELCOME || state == State.EXPECT_READY) ->
                throw CurvePeerErrorException(errorReason(command.data))
            else -> throw CurveProtocolException(
                CurveErrorCodes.UNEXPECTED_COMMAND, "unexpected ${command.name} in the CURVE client's state $state",
            )
        }
    }

    private fun forgetSecrets() {
        shortSecret.fill(0)
        sessionKey?.fill(0)
        sessionKey = null
        session = null
    }

    companion object {
        /** The reason of an ERROR command's data; MALFORMED_COMMAND_ERROR when it overruns, as libzmq. */
        fun errorReason(data: ByteArray): String {
            if (data.isEmpty() || 1 + (data[0].toInt() and 0xFF) > data.size) {
                throw CurveProtocolException(CurveErrorCodes.MALFORMED_COMMAND_ERROR, "malformed ERROR command")
            }
            return String(data, 1, data[0].toInt() and 0xFF, Charsets.UTF_8)
        }
    }
}
