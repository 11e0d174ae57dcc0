package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305

/**
 * The server side of the CurveZMQ handshake (RFC 25/26) as a state machine with no I/O: HELLO in, WELCOME out,
 * INITIATE in, then (once the caller has authenticated the client, by ZAP or not) READY out. The caller sends what
 * [nextCommand] yields and feeds every command received to [receive].
 *
 * After a valid INITIATE, [awaitingAuthentication] is true and [clientPublicKey] and [peerMetadata] are known; the
 * caller decides and calls [accept], after which [nextCommand] yields READY and the handshake [isComplete].
 *
 * Each connection has its own short-term key pair and its own cookie key, forgotten once INITIATE is checked.
 * Failures are thrown as [CurveProtocolException] with libzmq's monitor code.
 *
 * @param secretKey the server's long-term secret key s.
 * @param metadata the server's properties, encoded, sent in READY.
 */
internal class CurveServerHandshake(
    private val secretKey: ByteArray,
    private val metadata: ByteArray,
) {
    private enum class State { EXPECT_HELLO, SEND_WELCOME, EXPECT_INITIATE, AUTHENTICATING, SEND_READY, COMPLETE }

    private var state = State.EXPECT_HELLO
    private val publicKey = CryptoBox.publicKey(secretKey)
    private val shortPublic: ByteArray
    private val shortSecret: ByteArray
    private var cookieKey: ByteArray? = null
    private var clientShortPublic: ByteArray? = null
    private var peerNonce = 0L
    private var nonce = 1L
    private var sessionKey: ByteArray? = null
    private var session: XSalsa20Poly1305? = null

    init {
        val (public, secret) = CryptoBox.keyPair()
        shortPublic = public
        shortSecret = secret
    }

    /** True once READY was produced. */
    val isComplete: Boolean get() = state == State.COMPLETE

    /** True between a valid INITIATE and [accept]. */
    val awaitingAuthentication: Boolean get() = state == State.AUTHENTICATING

    /** The client's long-term public key C, from INITIATE. */
    var clientPublicKey: ByteArray = ByteArray(0)
        private set

    /** The client's metadata from INITIATE. */
    var peerMetadata: ByteArray = ByteArray(0)
        private set

    /** The MESSAGE codec for the traffic, once [isComplete]. */
    lateinit var codec: CurveMessageCodec
        private set

    /** WELCOME after HELLO, READY after [accept], else null. */
    fun nextCommand(): CurveCommand? = when (state) {
        State.SEND_WELCOME -> {
            val key = ByteArray(32).also { CryptoBox.randomBytes(it) }
            cookieKey = key
            val cookie = CurveCookie.seal(key, clientShortPublic!!, shortSecret)
            CurveWelcome.produce(clientShortPublic!!, secretKey, shortPublic, cookie).also { state = State.EXPECT_INITIATE }
        }
        State.SEND_READY -> {
            val ready = CurveReady.produce(session!!, nonce++, metadata)
            codec = CurveMessageCodec(sessionKey!!, asServer = true, firstNonce = nonce, lastPeerNonce = peerNonce)
            sessionKey?.fill(0)
            sessionKey = null
            session = null
            state = State.COMPLETE
            ready
        }
        else -> null
    }

    /** Handles the client's [command]. */
    fun receive(command: CurveCommand) {
        when (state) {
            State.EXPECT_HELLO -> {
                expect(command, CurveCommand.HELLO)
                val hello = CurveHello.open(command.data, secretKey)
                clientShortPublic = hello.clientShortPublic
                peerNonce = hello.shortNonce
                state = State.SEND_WELCOME
            }
            State.EXPECT_INITIATE -> {
                expect(command, CurveCommand.INITIATE)
                val key = CryptoBox.beforeNm(clientShortPublic!!, shortSecret)
                    ?: throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "INITIATE: the client's short-term key has small order")
                val box = XSalsa20Poly1305(key)
                val initiate = CurveInitiate.open(command.data, cookieKey!!, clientShortPublic!!, shortSecret, publicKey, box, peerNonce)
                cookieKey?.fill(0)
                cookieKey = null
                shortSecret.fill(0)
                clientPublicKey = initiate.clientPublic
                peerMetadata = initiate.metadata
                peerNonce = initiate.shortNonce
                sessionKey = key
                session = box
                state = State.AUTHENTICATING
            }
            else -> throw CurveProtocolException(
                CurveErrorCodes.UNEXPECTED_COMMAND, "unexpected ${command.name} in the CURVE server's state $state",
            )
        }
    }

    /** The client is authenticated: READY comes next. */
    fun accept() {
        check(state == State.AUTHENTICATING) { "accept() before a valid INITIATE" }
        state = State.SEND_READY
    }

    private fun expect(command: CurveCommand, name: String) {
        if (command.name != name) {
            throw CurveProtocolException(CurveErrorCodes.UNEXPECTED_COMMAND, "expected $name, got ${command.name}")
        }
    }
}
