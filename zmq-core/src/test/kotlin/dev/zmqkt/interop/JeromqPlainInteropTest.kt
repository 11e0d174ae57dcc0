package dev.zmqkt.interop

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.JEROMQ_HANDSHAKE
import dev.zmqkt.support.JeromqThread
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.connectTo
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.jeromq
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import org.zeromq.ZAuth
import org.zeromq.ZMQ
import org.zeromq.ZMsg
import java.nio.file.Files
import org.zeromq.SocketType as JSocketType

/**
 * PLAIN and ZAP between zmq-kt and JeroMQ 0.6 over tcp (JeroMQ's ipc is tcp underneath, so it cannot meet zmq-kt
 * there): JeroMQ's ZAuth judging zmq-kt clients, and a zmq-kt ZAP handler judging JeroMQ clients.
 */
class JeromqPlainInteropTest : FunSpec({
    suspend fun <T> io(block: () -> T): T = JeromqThread.run(block)

    fun ZMQ.Socket.receiveMessage(): Message {
        receiveTimeOut = 10_000
        val msg = ZMsg.recvMsg(this) ?: error("JeroMQ receive timed out")
        return Message(msg.map { dev.zmqkt.Frame.of(it.data) })
    }

    fun passwordFile() = Files.createTempFile("zmqkt-passwords", ".txt").also {
        Files.writeString(it, "admin=secret\n")
        it.toFile().deleteOnExit()
    }.toString()

    test("JeroMQ's ZAuth admits a zmq-kt PLAIN client; messages flow both ways") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val auth = io { ZAuth(z).apply { configurePlain("*", passwordFile()); replies(true) } }
            try {
                val server = io { z.createSocket(JSocketType.ROUTER).apply { setPlainServer(true) } }
                val port = io { server.bindToRandomPort("tcp://127.0.0.1") }
                val client = ctx.socket(SocketType.DEALER).apply {
                    plainUsername = "admin"
                    plainPassword = "secret"
                    routingId = "kt".toByteArray()
                    connect("tcp://127.0.0.1:$port")
                }
                client.send(Message.of("hello"))
                io { server.receiveMessage() }.toStrings() shouldBe listOf("kt", "hello")
                io { auth.nextReply(10_000) }.let {
                    it.statusCode shouldBe 200
                    it.userId shouldBe "admin"
                }
                io { ZMsg().apply { add("kt"); add("welcome") }.send(server) }
                val reply = within { client.receive() }
                reply.toStrings() shouldBe listOf("welcome")
                reply.property("Socket-Type") shouldBe "ROUTER"
            } finally {
                io { auth.close() }
            }
        } }
    }

    test("JeroMQ's ZAuth refuses a zmq-kt client with a wrong password: the client reports 400") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val auth = io { ZAuth(z).apply { configurePlain("*", passwordFile()) } }
            try {
                val server = io { z.createSocket(JSocketType.ROUTER).apply { setPlainServer(true) } }
                val port = io { server.bindToRandomPort("tcp://127.0.0.1") }
                coroutineScope {
                    val client = ctx.socket(SocketType.DEALER).apply { plainUsername = "admin"; plainPassword = "guess" }
                    val refused = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    client.connect("tcp://127.0.0.1:$port")
                    refused.await().value shouldBe 400
                }
            } finally {
                io { auth.close() }
            }
        } }
    }

    test("a zmq-kt PLAIN server with a zmq-kt ZAP handler admits a JeroMQ client and reads User-Id") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            coroutineScope {
                TestZapHandler(ctx, this, userId = "jeromq-user") { it.credentialTexts == listOf("admin", "secret") }.use { handler ->
                    val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true; zapDomain = "global" }
                    val endpoint = server.bind("tcp://127.0.0.1:*")
                    val client = z.connectTo(server, endpoint, JSocketType.DEALER) {
                        setPlainUsername("admin")
                        setPlainPassword("secret")
                        setIdentity("jq".toByteArray())
                    }
                    io { client.send("hello") }
                    val received = within { server.receive() }
                    received.toStrings() shouldBe listOf("jq", "hello")
                    received.property("User-Id") shouldBe "jeromq-user"
                    received.property("Socket-Type") shouldBe "DEALER"
                    received.property("Peer-Address") shouldBe "127.0.0.1"
                    within { handler.requests.receive() }.credentialTexts shouldBe listOf("admin", "secret")
                    server.send(Message.of("jq", "welcome"))
                    io { client.receiveMessage() }.toStrings() shouldBe listOf("welcome")
                }
            }
        } }
    }

    test("a JeroMQ client with a wrong password is refused by the zmq-kt ZAP handler (400)") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            coroutineScope {
                TestZapHandler(ctx, this) { it.credentialTexts == listOf("admin", "secret") }.use {
                    val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true }
                    val endpoint = server.bind("tcp://127.0.0.1:*")
                    val refused = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    z.connectTo(server, endpoint, JSocketType.DEALER, SocketEventType.HANDSHAKE_FAILED_AUTH) {
                        setPlainUsername("admin")
                        setPlainPassword("guess")
                    }
                    refused.await().value shouldBe 400
                    server.tryReceive() shouldBe null
                }
            }
        } }
    }
})
