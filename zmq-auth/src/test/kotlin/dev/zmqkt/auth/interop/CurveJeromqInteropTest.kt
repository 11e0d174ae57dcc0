package dev.zmqkt.auth.interop

import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Curve
import dev.zmqkt.support.JEROMQ_HANDSHAKE
import dev.zmqkt.support.JeromqThread
import dev.zmqkt.support.connectTo
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.jeromq
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.zeromq.ZMQ
import org.zeromq.ZMsg
import org.zeromq.SocketType as JSocketType

/** CURVE between zmq-kt and JeroMQ 0.6 (jnacl inside; it greets as ZMTP 3.0), both roles. */
class CurveJeromqInteropTest : FunSpec({
    suspend fun <T> io(block: () -> T): T = JeromqThread.run(block)

    val server = Curve.keypair()
    val client = Curve.keypair()
    val big = ByteArray(300_000) { (it * 13).toByte() }

    fun ZMQ.Socket.receiveMessage(): Message {
        receiveTimeOut = 10_000
        val msg = ZMsg.recvMsg(this) ?: error("JeroMQ receive timed out")
        return Message(msg.map { dev.zmqkt.Frame.of(it.data) })
    }

    fun ZMQ.Socket.sendMessage(m: Message) {
        ZMsg().apply { m.forEach { add(it.copyBytes()) } }.send(this)
    }

    fun ZMQ.Socket.curveClient(serverKey: ByteArray = server.publicKeyBytes()) {
        setCurveServerKey(serverKey)
        setCurvePublicKey(client.publicKeyBytes())
        setCurveSecretKey(client.secretKeyBytes())
    }

    suspend fun exchange(kt: dev.zmqkt.Socket, j: ZMQ.Socket) {
        kt.send(Message.of("from", "zmq-kt"))
        io { j.receiveMessage() } shouldBe Message.of("from", "zmq-kt")
        io { j.sendMessage(Message.of("from", "jeromq", "")) }
        within { kt.receive() } shouldBe Message.of("from", "jeromq", "")
        kt.send(Message.of(big))
        io { j.receiveMessage() }[0].bytes().contentEquals(big) shouldBe true
        io { j.sendMessage(Message.of(big)) }
        within { kt.receive() }[0].bytes().contentEquals(big) shouldBe true
        repeat(100) { kt.send(Message.of("n$it")) }
        io { (0 until 100).map { j.receiveMessage()[0].decodeToString() } } shouldBe (0 until 100).map { "n$it" }
    }

    test("zmq-kt CURVE server, JeroMQ CURVE client") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val kt = ctx.socket(SocketType.DEALER).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = kt.bind("tcp://127.0.0.1:*")
            val j = z.connectTo(kt, endpoint, JSocketType.DEALER) { curveClient() }
            exchange(kt, j)
        } }
    }

    test("JeroMQ CURVE server, zmq-kt CURVE client") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val j = io {
                z.createSocket(JSocketType.DEALER).apply {
                    setCurveServer(true)
                    setCurveSecretKey(server.secretKeyBytes())
                }
            }
            val port = io { j.bindToRandomPort("tcp://127.0.0.1") }
            val kt = ctx.socket(SocketType.DEALER).apply {
                curveServerKey = server.publicKeyBytes(); curvePublicKey = client.publicKeyBytes(); curveSecretKey = client.secretKeyBytes()
            }
            val ok = expectEvent(kt, SocketEventType.HANDSHAKE_SUCCEEDED)
            kt.connect("tcp://127.0.0.1:$port")
            ok.await()
            exchange(kt, j)
        } }
    }

    test("PUB/SUB with a JeroMQ subscriber (ZMTP 3.0: the subscription is a message inside MESSAGE)") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val pub = ctx.socket(SocketType.PUB).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            val sub = z.connectTo(pub, endpoint, JSocketType.SUB) { curveClient(); subscribe("A".toByteArray()) }
            val got = within(20_000) {
                var message: Message? = null
                while (message == null) {
                    pub.send(Message.of("B-skip"))
                    pub.send(Message.of("A-topic"))
                    message = io { sub.receiveTimeOut = 100; ZMsg.recvMsg(sub)?.let { m -> Message(m.map { dev.zmqkt.Frame.of(it.data) }) } }
                }
                message
            }
            got shouldBe Message.of("A-topic")
        } }
    }

    test("a JeroMQ client with the wrong server key: zmq-kt's server reports ZMTP_CRYPTOGRAPHIC") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val kt = ctx.socket(SocketType.DEALER).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = kt.bind("tcp://127.0.0.1:*")
            z.connectTo(kt, endpoint, JSocketType.DEALER, SocketEventType.HANDSHAKE_FAILED_PROTOCOL) {
                curveClient(Curve.keypair().publicKeyBytes())
            }
            val failed = expectEvent(kt, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
            failed.await().value shouldBe ProtocolError.ZMTP_CRYPTOGRAPHIC.toLong()
        } }
    }
})
