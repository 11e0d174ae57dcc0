package dev.zmqkt.interop

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Properties
import dev.zmqkt.support.Peers
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.bindableEndpoint
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import java.time.Duration

/**
 * PLAIN and ZAP between zmq-kt and libzmq 4.3 (pyzmq), both directions, over tcp and ipc: pyzmq's
 * ThreadAuthenticator judging zmq-kt clients, and a zmq-kt ZAP handler judging libzmq clients; each side reads the
 * other's properties from received messages.
 */
class LibzmqPlainInteropTest : FunSpec({
    defaultTestConfig = io.kotest.core.test.config.DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    val passwords = mapOf("admin" to "secret")
    fun hex(text: String) = text.toByteArray()

    for (transport in listOf("tcp", "ipc")) {
        val peerAddress = if (transport == "tcp") "127.0.0.1" else null

        test("$transport: pyzmq's ThreadAuthenticator admits a zmq-kt PLAIN client, and libzmq reads its properties") {
            withTestContext { ctx -> peer { lz ->
                lz.startAuthenticator(passwords, domain = "global") // pyzmq's "*" is the domain of sockets without one
                lz.socket("ROUTER", options = mapOf("PLAIN_SERVER" to 1, "ZAP_DOMAIN" to hex("global")))
                val endpoint = lz.bind(bindableEndpoint(transport))
                val client = ctx.socket(SocketType.DEALER).apply {
                    plainUsername = "admin"
                    plainPassword = "secret"
                    routingId = "kt-client".toByteArray()
                    metadata = mapOf("X-Foo" to "bar")
                    connect(endpoint)
                }
                client.send(Message.of("hello"))
                val (message, props) = io { lz.receiveWithProperties("User-Id", "Socket-Type", "Identity", "X-Foo", "Peer-Address") }
                message.toStrings() shouldBe listOf("kt-client", "hello")
                props["User-Id"] shouldBe "admin"
                props["Socket-Type"] shouldBe "DEALER"
                props["Identity"] shouldBe "kt-client"
                props["X-Foo"] shouldBe "bar"
                if (peerAddress != null) props["Peer-Address"] shouldBe peerAddress // (ipc: libzmq's "localhost:uid:gid:pid")
                io { lz.send(Message.of("kt-client", "welcome")) }
                val reply = within { client.receive() }
                reply.toStrings() shouldBe listOf("welcome")
                reply.property("Socket-Type") shouldBe "ROUTER"
                reply.property("Peer-Address") shouldBe peerAddress
            } }
        }

        test("$transport: a zmq-kt client with a wrong password is refused by pyzmq's authenticator (400 on both sides)") {
            withTestContext { ctx -> peer { lz ->
                lz.startAuthenticator(passwords)
                lz.socket("ROUTER", options = mapOf("PLAIN_SERVER" to 1))
                lz.monitor()
                val endpoint = lz.bind(bindableEndpoint(transport))
                coroutineScope {
                    val client = ctx.socket(SocketType.DEALER).apply { plainUsername = "admin"; plainPassword = "wrong" }
                    val refused = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    client.connect(endpoint)
                    refused.await().value shouldBe 400
                    io { lz.eventValues(waitMs = 5000, until = "HANDSHAKE_FAILED_AUTH") } shouldContain ("HANDSHAKE_FAILED_AUTH" to 400L)
                }
            } }
        }

        test("$transport: a zmq-kt PLAIN server with a zmq-kt ZAP handler admits a libzmq client and reads its properties") {
            withTestContext { ctx -> peer { lz ->
                coroutineScope {
                    val role = Properties.encode(dev.zmqkt.Metadata.of(mapOf("X-Role" to "ops")))
                    TestZapHandler(ctx, this, userId = "admin-user", metadata = role) { it.credentialTexts == listOf("admin", "secret") }.use { handler ->
                        val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true; zapDomain = "global" }
                        val endpoint = server.bind(bindableEndpoint(transport))
                        lz.socket("DEALER", options = mapOf(
                            "PLAIN_USERNAME" to hex("admin"), "PLAIN_PASSWORD" to hex("secret"),
                            "ROUTING_ID" to hex("lz-client"), "METADATA" to hex("X-Foo:bar"),
                        ))
                        lz.connect(endpoint)
                        io { lz.send(Message.of("hello")) }
                        val received = within { server.receive() }
                        received.toStrings() shouldBe listOf("lz-client", "hello")
                        received.property("User-Id") shouldBe "admin-user"
                        received.property("X-Role") shouldBe "ops"
                        received.property("X-Foo") shouldBe "bar"
                        received.property("Socket-Type") shouldBe "DEALER"
                        received.property("Routing-Id") shouldBe "lz-client"
                        received.property("Peer-Address") shouldBe peerAddress
                        val request = within { handler.requests.receive() }
                        request.mechanism shouldBe "PLAIN"
                        request.domain shouldBe "global"
                        if (peerAddress != null) request.address shouldBe peerAddress
                        server.send(Message.of("lz-client", "welcome"))
                        io { lz.receive() }.toStrings() shouldBe listOf("welcome")
                    }
                }
            } }
        }

        test("$transport: a libzmq client with a wrong password is refused by the zmq-kt ZAP handler (400 on both sides)") {
            withTestContext { ctx -> peer { lz ->
                coroutineScope {
                    TestZapHandler(ctx, this) { it.credentialTexts == listOf("admin", "secret") }.use {
                        val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true }
                        val endpoint = server.bind(bindableEndpoint(transport))
                        val refused = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                        lz.socket("DEALER", options = mapOf("PLAIN_USERNAME" to hex("admin"), "PLAIN_PASSWORD" to hex("guess")))
                        lz.monitor()
                        lz.connect(endpoint)
                        refused.await().value shouldBe 400
                        io { lz.eventValues(waitMs = 5000, until = "HANDSHAKE_FAILED_AUTH") } shouldContain ("HANDSHAKE_FAILED_AUTH" to 400L)
                        server.tryReceive() shouldBe null
                    }
                }
            } }
        }

        test("$transport: the PLAIN roles do not follow bind and connect: a libzmq server connects to a binding zmq-kt client") {
            withTestContext { ctx -> peer { lz ->
                lz.startAuthenticator(passwords)
                val client = ctx.socket(SocketType.DEALER).apply { plainUsername = "admin"; plainPassword = "secret" }
                val endpoint = client.bind(bindableEndpoint(transport))
                lz.socket("DEALER", options = mapOf("PLAIN_SERVER" to 1))
                lz.connect(endpoint)
                client.send(Message.of("to the server"))
                val (message, props) = io { lz.receiveWithProperties("User-Id") }
                message.toStrings() shouldBe listOf("to the server")
                props["User-Id"] shouldBe "admin"
            } }
        }
    }

    test("NULL with a ZAP domain: a libzmq client is asked about by the zmq-kt handler and gets User-Id from it") {
        withTestContext { ctx -> peer { lz ->
            coroutineScope {
                TestZapHandler(ctx, this, userId = "anonymous").use { handler ->
                    val server = ctx.socket(SocketType.PULL).apply { zapDomain = "global"; handshakeInterval = Duration.ofSeconds(5) }
                    val endpoint = server.bind("tcp://127.0.0.1:*")
                    lz.socket("PUSH")
                    lz.connect(endpoint)
                    io { lz.send(Message.of("null")) }
                    within { server.receive() }.property("User-Id") shouldBe "anonymous"
                    within { handler.requests.receive() }.mechanism shouldBe "NULL"
                }
            }
        } }
    }
})
