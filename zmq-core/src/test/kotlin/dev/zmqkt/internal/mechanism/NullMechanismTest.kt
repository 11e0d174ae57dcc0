package dev.zmqkt.internal.mechanism

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.Metadata
import dev.zmqkt.internal.codec.ProtocolError
import dev.zmqkt.internal.codec.SocketTypeRules
import dev.zmqkt.internal.codec.ZmtpProtocolException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.nulls.shouldNotBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/**
 * The NULL handshake as the engine's Handshake drives it, without I/O: send every command [Mechanism.nextCommand]
 * yields, feed each received command to [Mechanism.receive], stop at READY or FAILED. Commands go through their
 * wire encoding both ways, as they would on a connection.
 */
class NullMechanismTest : FunSpec({
    /** The properties ZmtpEngine announces: Socket-Type, plus Identity for REQ, DEALER and ROUTER. */
    fun propertiesOf(type: String, identity: ByteArray? = null): Metadata {
        val properties = mutableListOf(Metadata.SOCKET_TYPE to type.toByteArray(Charsets.US_ASCII))
        if (SocketTypeRules.sendsIdentity(type)) properties += Metadata.IDENTITY to (identity ?: ByteArray(0))
        return Metadata(properties)
    }

    fun onTheWire(command: Command): Command = Command.decode(command.encode())

    fun readyFrom(type: String, identity: ByteArray? = null) = onTheWire(Command.ready(propertiesOf(type, identity)))

    fun String.bytes() = toByteArray(Charsets.US_ASCII)

    test("starts handshaking and sends READY with Socket-Type and Identity, once") {
        val mechanism = NullMechanism(propertiesOf("DEALER", "worker-1".bytes()))
        mechanism.name shouldBe "NULL"
        mechanism.status shouldBe Mechanism.Status.HANDSHAKING
        mechanism.failure.shouldBeNull()

        val ready = onTheWire(mechanism.nextCommand().shouldNotBeNull())
        ready.name shouldBe Command.READY
        val sent = Metadata.decode(ready.data)
        sent.properties.map { it.first } shouldBe listOf("Socket-Type", "Identity")
        String(sent[Metadata.SOCKET_TYPE]!!, Charsets.US_ASCII) shouldBe "DEALER"
        String(sent[Metadata.IDENTITY]!!, Charsets.US_ASCII) shouldBe "worker-1"

        mechanism.nextCommand().shouldBeNull() // nothing more to send
        mechanism.status shouldBe Mechanism.Status.HANDSHAKING // still waiting for the peer's READY
    }

    test("a socket type without identity sends only Socket-Type") {
        val mechanism = NullMechanism(propertiesOf("PUSH"))
        val sent = Metadata.decode(mechanism.nextCommand()!!.data)
        sent.properties.map { it.first } shouldBe listOf("Socket-Type")
        sent[Metadata.IDENTITY].shouldBeNull()
    }

    test("the peer's READY completes the handshake and its metadata is exposed, names without case") {
        val mechanism = NullMechanism(propertiesOf("ROUTER"))
        mechanism.nextCommand()
        mechanism.receive(readyFrom("DEALER", byteArrayOf(0, 1, 2, -1)))
        mechanism.status shouldBe Mechanism.Status.READY
        mechanism.failure.shouldBeNull()
        String(mechanism.peerMetadata["socket-type"]!!, Charsets.US_ASCII) shouldBe "DEALER"
        mechanism.peerMetadata["IDENTITY"]!!.toList() shouldBe listOf<Byte>(0, 1, 2, -1)
        mechanism.nextCommand().shouldBeNull()
    }

    test("a READY that arrives before ours was sent completes the handshake only once ours is sent") {
        val mechanism = NullMechanism(propertiesOf("PULL"))
        mechanism.receive(readyFrom("PUSH"))
        mechanism.status shouldBe Mechanism.Status.HANDSHAKING
        mechanism.nextCommand()!!.name shouldBe Command.READY
        mechanism.status shouldBe Mechanism.Status.READY
        String(mechanism.peerMetadata[Metadata.SOCKET_TYPE]!!, Charsets.US_ASCII) shouldBe "PUSH"
    }

    test("two NULL mechanisms complete a handshake with each other") {
        val client = NullMechanism(propertiesOf("REQ", "c".bytes()))
        val server = NullMechanism(propertiesOf("REP"))
        val toServer = generateSequence { client.nextCommand() }.map(::onTheWire).toList()
        val toClient = generateSequence { server.nextCommand() }.map(::onTheWire).toList()
        toServer.forEach(server::receive)
        toClient.forEach(client::receive)
        client.status shouldBe Mechanism.Status.READY
        server.status shouldBe Mechanism.Status.READY
        String(server.peerMetadata[Metadata.IDENTITY]!!, Charsets.US_ASCII) shouldBe "c"
        String(client.peerMetadata[Metadata.SOCKET_TYPE]!!, Charsets.US_ASCII) shouldBe "REP"
    }

    test("an empty READY is accepted: metadata is optional") {
        val mechanism = NullMechanism(propertiesOf("PAIR"))
        mechanism.nextCommand()
        mechanism.receive(onTheWire(Command.ready(Metadata(emptyList()))))
        mechanism.status shouldBe Mechanism.Status.READY
        mechanism.peerMetadata.properties shouldBe emptyList()
    }

    test("an ERROR from the peer fails the handshake with its reason and sends no ERROR back") {
        val mechanism = NullMechanism(propertiesOf("DEALER"))
        mechanism.nextCommand()
        mechanism.receive(onTheWire(Command.error("Invalid socket type")))
        mechanism.status shouldBe Mechanism.Status.FAILED
        val failure = mechanism.failure.shouldNotBeNull()
        failure.reason shouldContain "Invalid socket type"
        failure.errorToSend.shouldBeNull()
        failure.protocolErrorCode.shouldBeNull()
        failure.authStatusCode.shouldBeNull()
    }

    test("an ERROR whose reason overruns the command is a malformed ERROR") {
        val mechanism = NullMechanism(propertiesOf("DEALER"))
        mechanism.nextCommand()
        val e = shouldThrow<ZmtpProtocolException> {
            mechanism.receive(Command(Command.ERROR, byteArrayOf(10, 'x'.code.toByte())))
        }
        e.code shouldBe ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
        shouldThrow<ZmtpProtocolException> { mechanism.receive(Command(Command.ERROR, ByteArray(0))) }
            .code shouldBe ProtocolError.ZMTP_MALFORMED_COMMAND_ERROR
    }

    test("any other command during the handshake is an unexpected command") {
        for (name in listOf(Command.PING, Command.SUBSCRIBE, "HELLO", "WELCOME", "ready")) {
            val mechanism = NullMechanism(propertiesOf("SUB"))
            mechanism.nextCommand()
            val e = shouldThrow<ZmtpProtocolException> { mechanism.receive(Command(name, ByteArray(0))) }
            e.code shouldBe ProtocolError.ZMTP_UNEXPECTED_COMMAND
            mechanism.status shouldBe Mechanism.Status.HANDSHAKING
        }
    }

    test("a second READY is an unexpected command") {
        val mechanism = NullMechanism(propertiesOf("PAIR"))
        mechanism.receive(readyFrom("PAIR"))
        shouldThrow<ZmtpProtocolException> { mechanism.receive(readyFrom("PAIR")) }
            .code shouldBe ProtocolError.ZMTP_UNEXPECTED_COMMAND
    }

    test("malformed metadata in READY is a malformed READY and does not complete the handshake") {
        val good = propertiesOf("PUSH").encode() // 11 "Socket-Type" 0 0 0 4 "PUSH": 20 bytes
        val malformed = listOf(
            "a name that overruns the command" to byteArrayOf(20, 'S'.code.toByte()),
            "an empty name" to byteArrayOf(0, 0, 0, 0, 0),
            "a name with a space" to byteArrayOf(2, 'a'.code.toByte(), ' '.code.toByte(), 0, 0, 0, 0),
            "a value length cut short" to good.copyOf(1 + 11 + 2),
            "a value that overruns the command" to good.copyOf(good.size - 1),
            "a value length above 2^31" to byteArrayOf(1, 'a'.code.toByte(), -1, -1, -1, -1),
        )
        for ((what, data) in malformed) {
            val mechanism = NullMechanism(propertiesOf("DEALER"))
            mechanism.nextCommand()
            val e = shouldThrow<ZmtpProtocolException> { mechanism.receive(Command(Command.READY, data)) }
            withClue(what) { e.code shouldBe ProtocolError.ZMTP_MALFORMED_COMMAND_READY }
            mechanism.status shouldBe Mechanism.Status.HANDSHAKING
            mechanism.peerMetadata.properties shouldBe emptyList()
        }
    }

    test("the mechanism accepts any Socket-Type; the type rules the handshake applies next refuse incompatible ones") {
        // NULL itself does not judge the peer's type: Handshake.checkPeerType does, with SocketTypeRules, once the
        // mechanism is READY (the ERROR "Invalid socket type" on a connection is covered by HostileInputTest).
        val pairs = listOf("PUSH" to "PUSH", "PUB" to "PULL", "REQ" to "REQ", "DEALER" to "PUB", "SUB" to "SUB", "PAIR" to "DEALER")
        for ((ours, theirs) in pairs) {
            val mechanism = NullMechanism(propertiesOf(ours))
            mechanism.nextCommand()
            mechanism.receive(readyFrom(theirs))
            mechanism.status shouldBe Mechanism.Status.READY
            val announced = String(mechanism.peerMetadata[Metadata.SOCKET_TYPE]!!, Charsets.US_ASCII)
            SocketTypeRules.compatible(ours, announced) shouldBe false
        }
        for ((ours, theirs) in listOf("PUSH" to "PULL", "REQ" to "ROUTER", "DEALER" to "DEALER", "XSUB" to "PUB")) {
            SocketTypeRules.compatible(ours, theirs) shouldBe true
        }
        SocketTypeRules.compatible("PUSH", "push") shouldBe false // socket type names are case-sensitive
        SocketTypeRules.compatible("NOT-A-TYPE", "PULL") shouldBe false
    }
})
