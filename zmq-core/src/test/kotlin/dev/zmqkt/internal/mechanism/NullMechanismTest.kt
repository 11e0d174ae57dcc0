@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.Properties
import dev.zmqkt.internal.codec.SocketTypeRules
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.ZapReply
import dev.zmqkt.mechanism.ZmqMechanismApi
import dev.zmqkt.support.TestMechanismContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * The NULL handshake as the engine's Handshake drives it, without I/O: send every command nextCommand() yields,
 * feed each received command to receive(), stop when complete. Commands go through their wire encoding both ways.
 */
class NullMechanismTest : FunSpec({
    fun contextOf(type: SocketType, identity: String? = null, configure: SocketOptions.() -> Unit = {}) =
        TestMechanismContext(type, SocketOptions.defaults().apply {
            routingId = identity?.toByteArray()
            configure()
        })

    fun onTheWire(command: HandshakeCommand): HandshakeCommand =
        Command.decode(Command(command.name, command.data).encode()).let { HandshakeCommand(it.name, it.data) }

    fun readyFrom(type: String, identity: ByteArray? = null): HandshakeCommand {
        val properties = mutableListOf(Metadata.SOCKET_TYPE to type.toByteArray(Charsets.US_ASCII))
        if (SocketTypeRules.sendsIdentity(type)) properties += Metadata.IDENTITY to (identity ?: ByteArray(0))
        return onTheWire(HandshakeCommand("READY", Properties.encode(Metadata(properties))))
    }

    fun protocolCode(e: MechanismException): Int {
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_PROTOCOL
        return e.value
    }

    test("sends READY with Socket-Type and Identity, once") {
        val mechanism = NullHandshake(contextOf(SocketType.DEALER, "worker-1"))
        mechanism.isComplete shouldBe false
        val ready = onTheWire(mechanism.nextCommand().shouldNotBeNull())
        ready.name shouldBe "READY"
        val sent = Properties.decode(ready.data)
        sent.names shouldBe listOf("Socket-Type", "Identity")
        sent[Metadata.SOCKET_TYPE] shouldBe "DEALER"
        sent[Metadata.IDENTITY] shouldBe "worker-1"
        mechanism.nextCommand().shouldBeNull()
        mechanism.isComplete shouldBe false // still waiting for the peer's READY
    }

    test("a socket type without identity sends only Socket-Type; X- properties follow") {
        val plain = Properties.decode(NullHandshake(contextOf(SocketType.PUSH)).nextCommand()!!.data)
        plain.names shouldBe listOf("Socket-Type")
        val extra = contextOf(SocketType.PUSH) { metadata = mapOf("X-Foo" to "bar") }
        Properties.decode(NullHandshake(extra).nextCommand()!!.data).toMap() shouldBe
            mapOf("Socket-Type" to "PUSH", "X-Foo" to "bar")
    }

    test("the peer's READY completes the handshake and its properties are exposed, names without case") {
        val mechanism = NullHandshake(contextOf(SocketType.ROUTER))
        mechanism.nextCommand()
        mechanism.receive(readyFrom("DEALER", byteArrayOf(0, 1, 2, -1)))
        mechanism.isComplete shouldBe true
        mechanism.frameCodec.shouldBeNull()
        mechanism.peerProperties["socket-type"] shouldBe "DEALER"
        mechanism.peerProperties.bytes("IDENTITY")!!.toList() shouldBe listOf<Byte>(0, 1, 2, -1)
        mechanism.nextCommand().shouldBeNull()
    }

    test("a READY that arrives before ours was sent completes the handshake only once ours is sent") {
        val mechanism = NullHandshake(contextOf(SocketType.PULL))
        mechanism.receive(readyFrom("PUSH"))
        mechanism.isComplete shouldBe false
        mechanism.nextCommand()!!.name shouldBe "READY"
        mechanism.isComplete shouldBe true
        mechanism.peerProperties[Metadata.SOCKET_TYPE] shouldBe "PUSH"
    }

    test("two NULL handshakes complete with each other") {
        val client = NullHandshake(contextOf(SocketType.REQ, "c"))
        val server = NullHandshake(contextOf(SocketType.REP))
        val toServer = listOfNotNull(client.nextCommand()).map(::onTheWire)
        val toClient = listOfNotNull(server.nextCommand()).map(::onTheWire)
        toServer.forEach { server.receive(it) }
        toClient.forEach { client.receive(it) }
        client.isComplete shouldBe true
        server.isComplete shouldBe true
        server.peerProperties[Metadata.IDENTITY] shouldBe "c"
        client.peerProperties[Metadata.SOCKET_TYPE] shouldBe "REP"
    }

    test("an empty READY is accepted: metadata is optional") {
        val mechanism = NullHandshake(contextOf(SocketType.PAIR))
        mechanism.nextCommand()
        mechanism.receive(HandshakeCommand("READY", ByteArray(0)))
        mechanism.isComplete shouldBe true
        mechanism.peerProperties.isEmpty shouldBe true
    }

    test("an ERROR from the peer fails the handshake with its reason and sends no ERROR back") {
        val mechanism = NullHandshake(contextOf(SocketType.DEALER))
        mechanism.nextCommand()
        val e = shouldThrow<MechanismException> { mechanism.receive(HandshakeCommand.error("Invalid socket type")) }
        e.message shouldContain "Invalid socket type"
        e.errorCommandReason.shouldBeNull()
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_NO_DETAIL
    }

    test("an ERROR carrying a ZAP status code is an authentication failure (libzmq's handle_error_reason)") {
        for (status in listOf(300, 400, 500)) {
            val mechanism = NullHandshake(contextOf(SocketType.DEALER))
            mechanism.nextCommand()
            val e = shouldThrow<MechanismException> { mechanism.receive(HandshakeCommand.error(status.toString())) }
            e.event shouldBe SocketEventType.HANDSHAKE_FAILED_AUTH
            e.value shouldBe status
        }
    }

    test("an ERROR whose reason overruns the command is a malformed ERROR") {
        val mechanism = NullHandshake(contextOf(SocketType.DEALER))
        mechanism.nextCommand()
        protocolCode(shouldThrow { mechanism.receive(HandshakeCommand("ERROR", byteArrayOf(10, 'x'.code.toByte()))) }) shouldBe
            ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
        protocolCode(shouldThrow { mechanism.receive(HandshakeCommand("ERROR", ByteArray(0))) }) shouldBe
            ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
    }

    test("any other command during the handshake is an unexpected command") {
        for (name in listOf("PING", "SUBSCRIBE", "HELLO", "WELCOME", "ready")) {
            val mechanism = NullHandshake(contextOf(SocketType.SUB))
            mechanism.nextCommand()
            protocolCode(shouldThrow { mechanism.receive(HandshakeCommand(name, ByteArray(0))) }) shouldBe
                ProtocolError.ZMTP_UNEXPECTED_COMMAND
            mechanism.isComplete shouldBe false
        }
    }

    test("a second READY is an unexpected command") {
        val mechanism = NullHandshake(contextOf(SocketType.PAIR))
        mechanism.receive(readyFrom("PAIR"))
        protocolCode(shouldThrow { mechanism.receive(readyFrom("PAIR")) }) shouldBe ProtocolError.ZMTP_UNEXPECTED_COMMAND
    }

    test("malformed metadata in READY is a malformed READY and does not complete the handshake") {
        val good = readyFrom("PUSH").data // 11 "Socket-Type" 0 0 0 4 "PUSH": 20 bytes
        val malformed = listOf(
            "a name that overruns the command" to byteArrayOf(20, 'S'.code.toByte()),
            "an empty name" to byteArrayOf(0, 0, 0, 0, 0),
            "a name with a space" to byteArrayOf(2, 'a'.code.toByte(), ' '.code.toByte(), 0, 0, 0, 0),
            "a value length cut short" to good.copyOf(1 + 11 + 2),
            "a value that overruns the command" to good.copyOf(good.size - 1),
            "a value length above 2^31" to byteArrayOf(1, 'a'.code.toByte(), -1, -1, -1, -1),
        )
        for ((what, data) in malformed) {
            val mechanism = NullHandshake(contextOf(SocketType.DEALER))
            mechanism.nextCommand()
            val e = shouldThrow<MechanismException> { mechanism.receive(HandshakeCommand("READY", data)) }
            withClue(what) { protocolCode(e) shouldBe ProtocolError.ZMTP_MALFORMED_COMMAND_READY }
            mechanism.isComplete shouldBe false
            mechanism.peerProperties.isEmpty shouldBe true
        }
    }

    test("without a ZAP domain, NULL asks no ZAP handler") {
        val context = contextOf(SocketType.DEALER)
        NullHandshake(context).nextCommand()
        context.zapRequests shouldBe emptyList()
    }

    test("with a ZAP domain, NULL asks first; a refusal fails as libzmq does, no handler goes on unless enforced") {
        fun replyWith(status: Int?) = contextOf(SocketType.DEALER) { zapDomain = "global" }.let {
            TestMechanismContext(SocketType.DEALER, it.options) { _, _ ->
                status?.let { s -> ZapReply(s, "text", "anonymous", Metadata.EMPTY) }
            }
        }
        val accepted = replyWith(200)
        NullHandshake(accepted).nextCommand()!!.name shouldBe "READY"
        accepted.zapRequests.single().let { (mechanism, credentials) ->
            mechanism shouldBe "NULL"
            credentials shouldBe emptyList()
        }
        NullHandshake(replyWith(null)).nextCommand()!!.name shouldBe "READY"
        for ((status, error) in listOf(300 to null, 400 to "400", 500 to "500")) {
            val e = shouldThrow<MechanismException> { NullHandshake(replyWith(status)).nextCommand() }
            e.event shouldBe SocketEventType.HANDSHAKE_FAILED_AUTH
            e.value shouldBe status
            e.errorCommandReason shouldBe error
        }
        val enforced = TestMechanismContext(
            SocketType.DEALER, SocketOptions.defaults().apply { zapDomain = "global"; zapEnforceDomain = true },
        )
        val e = shouldThrow<MechanismException> { NullHandshake(enforced).nextCommand() }
        e.event shouldBe SocketEventType.HANDSHAKE_FAILED_NO_DETAIL
        e.value shouldBe MechanismException.EFAULT
    }

    test("the mechanism accepts any Socket-Type; the type rules the handshake applies next refuse incompatible ones") {
        val pairs = listOf("PUSH" to "PUSH", "PUB" to "PULL", "REQ" to "REQ", "DEALER" to "PUB", "SUB" to "SUB", "PAIR" to "DEALER")
        for ((ours, theirs) in pairs) {
            val mechanism = NullHandshake(contextOf(SocketType.valueOf(ours)))
            mechanism.nextCommand()
            mechanism.receive(readyFrom(theirs))
            mechanism.isComplete shouldBe true
            SocketTypeRules.compatible(ours, mechanism.peerProperties[Metadata.SOCKET_TYPE]!!) shouldBe false
        }
        for ((ours, theirs) in listOf("PUSH" to "PULL", "REQ" to "ROUTER", "DEALER" to "DEALER", "XSUB" to "PUB")) {
            SocketTypeRules.compatible(ours, theirs) shouldBe true
        }
        SocketTypeRules.compatible("PUSH", "push") shouldBe false // socket type names are case-sensitive
        SocketTypeRules.compatible("NOT-A-TYPE", "PULL") shouldBe false
    }
})
