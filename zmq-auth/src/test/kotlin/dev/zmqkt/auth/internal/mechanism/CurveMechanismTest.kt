@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Curve
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.UnwrappedFrame
import dev.zmqkt.mechanism.ZmqMechanismApi
import dev.zmqkt.support.TestMechanismContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import java.nio.ByteBuffer

/** The CURVE mechanism through zmq-core's extension point, driven by hand as zmq-core's handshake loop drives it. */
class CurveMechanismTest : FunSpec({
    val serverKeys = Curve.keypair()
    val clientKeys = Curve.keypair()

    fun serverOptions(configure: SocketOptions.() -> Unit = {}) = SocketOptions.defaults().apply {
        curveServer = true
        curveSecretKey = serverKeys.secretKeyBytes()
        configure()
    }

    fun clientOptions(serverKey: ByteArray = serverKeys.publicKeyBytes()) = SocketOptions.defaults().apply {
        curveServerKey = serverKey
        curvePublicKey = clientKeys.publicKeyBytes()
        curveSecretKey = clientKeys.secretKeyBytes()
        routingId = "client-7".toByteArray()
        metadata = mapOf("X-Color" to "blue")
    }

    /** zmq-core's loop: each side sends what it has, the other receives it, until both are complete. */
    suspend fun run(client: MechanismHandshake, server: MechanismHandshake) {
        var turn = 0
        while (!(client.isComplete && server.isComplete)) {
            check(turn++ < 10) { "the handshake does not end" }
            while (true) server.receive(client.nextCommand() ?: break)
            while (true) client.receive(server.nextCommand() ?: break)
        }
    }

    test("the provider is found by name and makes the role the context asks for") {
        val provider = CurveMechanismProvider()
        provider.name shouldBe "CURVE"
        provider.newHandshake(TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true))::class shouldBe
            CurveServerMechanism::class
        provider.newHandshake(TestMechanismContext(SocketType.DEALER, clientOptions()))::class shouldBe CurveClientMechanism::class
    }

    test("a client and a server agree: properties, ZAP asked with the client's key, and frame codecs both ways") {
        val serverContext = TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true)
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions()))
        val server = CurveServerMechanism(serverContext)
        run(client, server)
        server.peerProperties["Socket-Type"] shouldBe "DEALER"
        server.peerProperties["Identity"] shouldBe "client-7"
        server.peerProperties["X-Color"] shouldBe "blue"
        client.peerProperties["Socket-Type"] shouldBe "ROUTER"
        serverContext.zapRequests.single().first shouldBe "CURVE"
        serverContext.zapRequests.single().second.single() shouldBe clientKeys.publicKeyBytes()

        val clientCodec = client.frameCodec!!
        val serverCodec = server.frameCodec!!
        clientCodec.overhead shouldBe 33
        for (flags in listOf(0, FrameCodec.MORE, FrameCodec.COMMAND)) {
            val payload = "frame $flags".toByteArray()
            val out = ByteBuffer.allocateDirect(100)
            clientCodec.wrap(payload, 0, payload.size, flags, out)
            out.flip()
            out.remaining() shouldBe payload.size + 33
            val body = ByteArray(out.remaining()).also { out.get(it) }
            val result = UnwrappedFrame()
            serverCodec.unwrap(0x04, body, body.size, result)
            result.flags shouldBe flags
            result.bytes.copyOfRange(result.offset, result.offset + result.length) shouldBe payload
        }
    }

    test("libzmq's flags byte on the wire: COMMAND is 2 inside the box") {
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions()))
        val server = CurveServerMechanism(TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true))
        run(client, server)
        val out = ByteBuffer.allocate(64)
        client.frameCodec!!.wrap(byteArrayOf(4) + "PING".toByteArray(), 0, 5, FrameCodec.COMMAND or FrameCodec.MORE, out)
        val body = out.array().copyOf(out.position())
        // Decrypt with the internal codec to see the raw flags byte: 1 (MORE) | 2 (COMMAND).
        val raw = (server.frameCodec as CurveFrameCodec)
        val result = UnwrappedFrame()
        raw.unwrap(0x04, body, body.size, result)
        body[32].toInt() shouldBe 3
        result.flags shouldBe (FrameCodec.COMMAND or FrameCodec.MORE)
    }

    test("a bad MESSAGE becomes a protocol MechanismException with libzmq's code") {
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions()))
        val server = CurveServerMechanism(TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true))
        run(client, server)
        val out = ByteBuffer.allocate(64)
        client.frameCodec!!.wrap(ByteArray(3), 0, 3, 0, out)
        val body = out.array().copyOf(out.position()).also { it[34] = (it[34] + 1).toByte() }
        val e = shouldThrow<MechanismException> { server.frameCodec!!.unwrap(0x04, body, body.size, UnwrappedFrame()) }
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_PROTOCOL
        e.value shouldBe ProtocolError.ZMTP_CRYPTOGRAPHIC
        e.errorCommandReason shouldBe null
    }

    test("a client with the wrong server key: the server fails with CRYPTOGRAPHIC on HELLO") {
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions(Curve.keypair().publicKeyBytes())))
        val server = CurveServerMechanism(TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true))
        val e = shouldThrow<MechanismException> { server.receive(client.nextCommand()!!) }
        e.value shouldBe ProtocolError.ZMTP_CRYPTOGRAPHIC
    }

    test("a client without a server key fails before sending HELLO (a zero key has small order)") {
        val options = SocketOptions.defaults().apply {
            curvePublicKey = clientKeys.publicKeyBytes()
            curveSecretKey = clientKeys.secretKeyBytes()
        }
        val e = shouldThrow<MechanismException> { CurveClientMechanism(TestMechanismContext(SocketType.DEALER, options)).nextCommand() }
        e.value shouldBe ProtocolError.ZMTP_CRYPTOGRAPHIC
    }

    test("ZAP rules: no handler and not enforced goes on; enforced with a domain fails with EFAULT, no ERROR") {
        val open = CurveServerMechanism(TestMechanismContext(SocketType.ROUTER, serverOptions(), isServer = true))
        run(CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions())), open)
        open.isComplete shouldBe true

        val enforcedContext = TestMechanismContext(
            SocketType.ROUTER, serverOptions { zapDomain = "global"; zapEnforceDomain = true }, isServer = true,
        )
        val e = shouldThrow<MechanismException> {
            run(CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions())), CurveServerMechanism(enforcedContext))
        }
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_NO_DETAIL
        e.value shouldBe MechanismException.EFAULT
        e.errorCommandReason shouldBe null
        enforcedContext.zapRequests.size shouldBe 1
    }

    test("ZAP rules: enforced without a domain does not ask ZAP at all") {
        val context = TestMechanismContext(SocketType.ROUTER, serverOptions { zapEnforceDomain = true }, isServer = true)
        run(CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions())), CurveServerMechanism(context))
        context.zapRequests.size shouldBe 0
    }

    test("an ERROR from the server ends the client's handshake as the peer's refusal") {
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions()))
        client.nextCommand() shouldNotBe null
        val e = shouldThrow<MechanismException> { client.receive(HandshakeCommand.error("400")) }
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_AUTH
        e.value shouldBe 400
    }

    test("bad metadata in READY: INVALID_METADATA, as libzmq's client reports it") {
        val client = CurveClientMechanism(TestMechanismContext(SocketType.DEALER, clientOptions()))
        val badServerContext = object : dev.zmqkt.mechanism.MechanismContext by TestMechanismContext(
            SocketType.ROUTER, serverOptions(), isServer = true,
        ) {
            override fun ourProperties(): ByteArray = byteArrayOf(50, 65)
        }
        val e = shouldThrow<MechanismException> { run(client, CurveServerMechanism(badServerContext)) }
        e.value shouldBe ProtocolError.ZMTP_INVALID_METADATA
    }
})
