package dev.zmqkt.auth.interop

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Curve
import dev.zmqkt.support.LibzmqPeer
import dev.zmqkt.support.Peers
import dev.zmqkt.support.bindableEndpoint
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import java.util.HexFormat

/** CURVE between zmq-kt and libzmq 4.3 (pyzmq, libsodium inside), both roles, over tcp and ipc. */
class CurveLibzmqInteropTest : FunSpec({
    defaultTestConfig = io.kotest.core.test.config.DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    val server = Curve.keypair()
    val client = Curve.keypair()
    fun hex(bytes: ByteArray) = HexFormat.of().formatHex(bytes)
    val libzmqServer = mapOf("CURVE_SERVER" to 1, "CURVE_SECRETKEY" to hex(server.secretKeyBytes()))
    val libzmqClient = mapOf(
        "CURVE_SERVERKEY" to hex(server.publicKeyBytes()),
        "CURVE_PUBLICKEY" to hex(client.publicKeyBytes()),
        "CURVE_SECRETKEY" to hex(client.secretKeyBytes()),
    )
    val big = "x".repeat(300_000)

    /** Both ways over one pair: small, multipart, empty frames, a large frame. */
    suspend fun exchange(lz: LibzmqPeer, kt: dev.zmqkt.Socket) {
        io { lz.send(Message.of("from", "libzmq", "")) }
        within { kt.receive() } shouldBe Message.of("from", "libzmq", "")
        kt.send(Message.of("from", "zmq-kt"))
        io { lz.receive() } shouldBe Message.of("from", "zmq-kt")
        kt.send(Message.of(big, "tail"))
        io { lz.receive() } shouldBe Message.of(big, "tail")
        io { lz.send(Message.of(big)) }
        within { kt.receive() } shouldBe Message.of(big)
        repeat(100) { kt.send(Message.of("n$it")) }
        repeat(100) { io { lz.receive() } shouldBe Message.of("n$it") }
    }

    for (transport in listOf("tcp", "ipc")) {
        test("libzmq CURVE server, zmq-kt CURVE client over $transport") {
            withTestContext { ctx -> peer { lz ->
                lz.socket("DEALER", options = libzmqServer)
                lz.monitor()
                val endpoint = lz.bind(bindableEndpoint(transport))
                val kt = ctx.socket(SocketType.DEALER).apply {
                    curveServerKey = server.publicKeyBytes()
                    curvePublicKey = client.publicKeyBytes()
                    curveSecretKey = client.secretKeyBytes()
                }
                val ok = expectEvent(kt, SocketEventType.HANDSHAKE_SUCCEEDED)
                kt.connect(endpoint)
                ok.await()
                io { lz.events(waitMs = 5000, until = "HANDSHAKE_SUCCEEDED") } shouldContain "HANDSHAKE_SUCCEEDED"
                exchange(lz, kt)
            } }
        }

        test("zmq-kt CURVE server, libzmq CURVE client over $transport") {
            withTestContext { ctx -> peer { lz ->
                val kt = ctx.socket(SocketType.DEALER).apply {
                    curveServer = true
                    curveSecretKey = server.secretKeyBytes()
                }
                val endpoint = kt.bind(bindableEndpoint(transport))
                val ok = expectEvent(kt, SocketEventType.HANDSHAKE_SUCCEEDED)
                lz.socket("DEALER", options = libzmqClient)
                lz.monitor()
                lz.connect(endpoint)
                ok.await()
                io { lz.events(waitMs = 5000, until = "HANDSHAKE_SUCCEEDED") } shouldContain "HANDSHAKE_SUCCEEDED"
                exchange(lz, kt)
            } }
        }
    }

    test("REQ/REP: zmq-kt REP as CURVE server answers libzmq REQ, and zmq-kt REQ asks a libzmq REP server") {
        withTestContext { ctx -> peer { lz ->
            val rep = ctx.socket(SocketType.REP).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = rep.bind("tcp://127.0.0.1:*")
            lz.socket("REQ", "req", libzmqClient)
            lz.connect(endpoint, "req")
            io { lz.send(Message.of("question"), "req") }
            within { rep.receive() } shouldBe Message.of("question")
            rep.send(Message.of("answer"))
            io { lz.receive("req") } shouldBe Message.of("answer")

            lz.socket("REP", "rep", libzmqServer)
            val lzEndpoint = lz.bind("tcp://127.0.0.1:*", "rep")
            val req = ctx.socket(SocketType.REQ).apply {
                curveServerKey = server.publicKeyBytes(); curvePublicKey = client.publicKeyBytes(); curveSecretKey = client.secretKeyBytes()
                connect(lzEndpoint)
            }
            req.send(Message.of("hello"))
            io { lz.receive("rep") } shouldBe Message.of("hello")
            io { lz.send(Message.of("world"), "rep") }
            within { req.receive() } shouldBe Message.of("world")
        } }
    }

    test("PUB/SUB: subscriptions travel as commands inside MESSAGE, both directions") {
        withTestContext { ctx -> peer { lz ->
            // libzmq SUB (CURVE client) subscribes to a zmq-kt PUB (CURVE server).
            val pub = ctx.socket(SocketType.PUB).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            lz.socket("SUB", "sub", libzmqClient)
            lz.subscribe("A", sock = "sub")
            lz.connect(endpoint, "sub")
            val got = within(20_000) {
                var answer: Message? = null
                while (answer == null) {
                    pub.send(Message.of("B-skip"))
                    pub.send(Message.of("A-topic"))
                    answer = io { runCatching { lz.receive("sub", 200) }.getOrNull() }
                }
                answer
            }
            got shouldBe Message.of("A-topic")

            // zmq-kt SUB (CURVE client) subscribes to a libzmq PUB (CURVE server).
            lz.socket("PUB", "pub", libzmqServer)
            val lzEndpoint = lz.bind("tcp://127.0.0.1:*", "pub")
            val sub = ctx.socket(SocketType.SUB).apply {
                curveServerKey = server.publicKeyBytes(); curvePublicKey = client.publicKeyBytes(); curveSecretKey = client.secretKeyBytes()
                subscribe("A")
                connect(lzEndpoint)
            }
            val received = within(20_000) {
                var message: Message? = null
                while (message == null) {
                    io { lz.send(Message.of("B-skip"), "pub"); lz.send(Message.of("A-topic"), "pub") }
                    message = kotlinx.coroutines.withTimeoutOrNull(200) { sub.receive() }
                }
                message
            }
            received shouldBe Message.of("A-topic")
        } }
    }

    test("a zmq-kt client with the wrong server key: libzmq's server reports HANDSHAKE_FAILED_PROTOCOL") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("DEALER", options = libzmqServer)
            lz.monitor()
            val endpoint = lz.bind("tcp://127.0.0.1:*")
            ctx.socket(SocketType.DEALER).apply {
                curveServerKey = Curve.keypair().publicKeyBytes()
                curvePublicKey = client.publicKeyBytes()
                curveSecretKey = client.secretKeyBytes()
                connect(endpoint)
                send(Message.of("sneaky"))
            }
            io { lz.events(waitMs = 10_000, until = "HANDSHAKE_FAILED_PROTOCOL") } shouldContain "HANDSHAKE_FAILED_PROTOCOL"
        } }
    }

    test("a libzmq client with the wrong server key: zmq-kt's server reports ZMTP_CRYPTOGRAPHIC") {
        withTestContext { ctx -> peer { lz ->
            val kt = ctx.socket(SocketType.DEALER).apply { curveServer = true; curveSecretKey = server.secretKeyBytes() }
            val endpoint = kt.bind("tcp://127.0.0.1:*")
            val failed = expectEvent(kt, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
            lz.socket("DEALER", options = libzmqClient + ("CURVE_SERVERKEY" to hex(Curve.keypair().publicKeyBytes())))
            lz.connect(endpoint)
            failed.await().value shouldBe dev.zmqkt.ProtocolError.ZMTP_CRYPTOGRAPHIC.toLong()
        } }
    }
})
