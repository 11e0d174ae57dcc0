package dev.zmqkt.auth.security

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.Socket
import dev.zmqkt.SocketEventType
import dev.zmqkt.auth.internal.curve.CurveClientHandshake
import dev.zmqkt.auth.internal.curve.CurveMessageCodec
import dev.zmqkt.auth.support.CurveConfigs
import dev.zmqkt.auth.support.RawCurveClient
import dev.zmqkt.support.bounce
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.coroutineScope

/**
 * Hostile input against a zmq-kt CURVE server (no ZAP handler: CURVE then encrypts without authenticating, as
 * libzmq): each attack drops its connection with the monitor event libzmq raises, and a healthy client's round
 * trip afterwards shows the server unharmed.
 */
class CurveHostileInputTest : FunSpec({
    fun machine() = CurveClientHandshake(
        CurveConfigs.client.publicKeyBytes(), CurveConfigs.client.secretKeyBytes(), CurveConfigs.server.publicKeyBytes(),
        CurvePropertiesOf.dealer,
    )

    /** Greets, then HELLO/WELCOME/INITIATE/READY through [m]: a raw client with a finished handshake. */
    fun RawCurveClient.handshake(m: CurveClientHandshake) {
        greet() shouldBe "CURVE"
        sendCommand(m.nextCommand()!!)
        m.receive(readCommand())
        sendCommand(m.nextCommand()!!)
        m.receive(readCommand())
        m.isComplete shouldBe true
    }

    /** A MESSAGE frame body of [text] from [codec]. */
    fun message(codec: CurveMessageCodec, text: String): ByteArray {
        val payload = text.toByteArray()
        return ByteArray(payload.size + CurveMessageCodec.OVERHEAD).also { codec.wrap(payload, 0, payload.size, 0, it, 0) }
    }

    /** A server; [attack] runs against it; the expected event is awaited; then a healthy client bounces. */
    suspend fun attack(
        event: SocketEventType,
        value: Int?,
        attack: suspend CoroutineScope.(server: Socket, endpoint: String) -> Unit,
    ) = withTestContext { ctx: Context ->
        coroutineScope {
            val (server, endpoint) = ctx.securityServer({ curveServer = true; curveSecretKey = CurveConfigs.server.secretKeyBytes() })
            val failed = expectEvent(server, event)
            attack(server, endpoint)
            val e = failed.await()
            if (value != null) e.value shouldBe value.toLong()
            bounce(server, ctx.securityClient(endpoint, CurveConfigs.curveClient()))
        }
    }

    test("a replayed MESSAGE: the first is delivered, the replay drops the connection with ZMTP_INVALID_SEQUENCE") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_INVALID_SEQUENCE) { server, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    val m = machine()
                    raw.handshake(m)
                    val body = message(m.codec, "once")
                    raw.sendFrame(0, body)
                    raw.sendFrame(0, body)
                    raw.closedByPeer() shouldBe true
                }
            }
            within { server.receive() } shouldBe Message.of("once")
        }
    }

    test("a MESSAGE with a bad box: ZMTP_CRYPTOGRAPHIC") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_CRYPTOGRAPHIC) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    val m = machine()
                    raw.handshake(m)
                    raw.sendFrame(0, message(m.codec, "tampered").also { it[35] = (it[35] + 1).toByte() })
                    raw.closedByPeer() shouldBe true
                }
            }
        }
    }

    test("garbage after READY (a clear-text command, then random bytes): ZMTP_UNEXPECTED_COMMAND") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_UNEXPECTED_COMMAND) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    raw.handshake(machine())
                    raw.sendCommand("PING", byteArrayOf(0, 10))
                    raw.write(ByteArray(500) { (it * 31).toByte() })
                    raw.closedByPeer() shouldBe true
                }
            }
        }
    }

    test("a short MESSAGE after READY: ZMTP_MALFORMED_COMMAND_MESSAGE") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_MALFORMED_COMMAND_MESSAGE) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    raw.handshake(machine())
                    raw.sendFrame(0, byteArrayOf(7) + "MESSAGE".toByteArray() + ByteArray(10))
                    raw.closedByPeer() shouldBe true
                }
            }
        }
    }

    test("a stale cookie (INITIATE with the cookie of another connection): ZMTP_CRYPTOGRAPHIC") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_CRYPTOGRAPHIC) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { first ->
                    val a = machine()
                    first.greet()
                    first.sendCommand(a.nextCommand()!!)
                    a.receive(first.readCommand())
                    val staleCookie = a.nextCommand()!!.data.copyOfRange(0, 96)
                    RawCurveClient.connect(endpoint).use { second ->
                        val b = machine()
                        second.greet()
                        second.sendCommand(b.nextCommand()!!)
                        b.receive(second.readCommand())
                        val initiate = b.nextCommand()!!
                        staleCookie.copyInto(initiate.data, 0)
                        second.sendCommand(initiate)
                        second.closedByPeer() shouldBe true
                    }
                }
            }
        }
    }

    test("a truncated HELLO, then the client leaves: the handshake fails without detail") {
        attack(SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, null) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    raw.greet()
                    val hello = machine().nextCommand()!!
                    raw.write((byteArrayOf(0x04, 200.toByte(), 5) + "HELLO".toByteArray() + hello.data).copyOf(100))
                }
            }
        }
    }

    test("an oversized HELLO: ZMTP_MALFORMED_COMMAND_HELLO") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    raw.greet()
                    raw.sendCommand("HELLO", machine().nextCommand()!!.data + ByteArray(1000))
                    raw.closedByPeer() shouldBe true
                }
            }
        }
    }

    test("an oversized INITIATE (100 KiB of metadata): dropped as a protocol error") {
        attack(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, null) { _, endpoint ->
            io {
                RawCurveClient.connect(endpoint).use { raw ->
                    val m = CurveClientHandshake(
                        CurveConfigs.client.publicKeyBytes(), CurveConfigs.client.secretKeyBytes(),
                        CurveConfigs.server.publicKeyBytes(), CurvePropertiesOf.dealer + CurvePropertiesOf.big(100 * 1024),
                    )
                    raw.greet()
                    raw.sendCommand(m.nextCommand()!!)
                    m.receive(raw.readCommand())
                    raw.sendCommand(m.nextCommand()!!)
                    raw.closedByPeer() shouldBe true
                }
            }
        }
    }
})

/** Encoded ZMTP properties for raw clients. */
internal object CurvePropertiesOf {
    val dealer: ByteArray = property("Socket-Type", "DEALER".toByteArray()) + property("Identity", ByteArray(0))

    fun big(size: Int): ByteArray = property("X-Big", ByteArray(size) { 'x'.code.toByte() })

    private fun property(name: String, value: ByteArray): ByteArray =
        byteArrayOf(name.length.toByte()) + name.toByteArray() +
            java.nio.ByteBuffer.allocate(4).putInt(value.size).array() + value
}
