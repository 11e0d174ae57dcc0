package dev.zmqkt.security

import dev.zmqkt.Message
import dev.zmqkt.Metadata
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Properties
import dev.zmqkt.support.SecurityConfigs
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.bindableEndpoint
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs
import kotlinx.coroutines.coroutineScope

/** Received messages carry their connection's properties, as libzmq's `zmq_msg_gets` reads them. */
class ConnectionMetadataTest : FunSpec({
    fun zapMetadata(vararg properties: Pair<String, String>) = Properties.encode(Metadata.of(mapOf(*properties)))

    test("a server sees ZAP's User-Id and metadata, the peer's address, type, routing id and own properties") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, userId = "admin", metadata = zapMetadata("X-Role" to "ops")).use {
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val client = ctx.securityClient(null) {
                        SecurityConfigs.plainClient(this)
                        routingId = "client-1".toByteArray()
                        metadata = mapOf("X-Foo" to "bar")
                    }
                    client.connect(endpoint)
                    client.send(Message.of("one"))
                    client.send(Message.of("two"))
                    val first = within { server.receive() }
                    val second = within { server.receive() }
                    first.property("User-Id") shouldBe "admin"
                    first.property("Peer-Address") shouldBe "127.0.0.1"
                    first.property("Socket-Type") shouldBe "DEALER"
                    first.property("Routing-Id") shouldBe "client-1"
                    first.property("Identity") shouldBe "client-1"
                    first.property("x-foo") shouldBe "bar" // names compare without case
                    first.property("X-Role") shouldBe "ops"
                    first.property("X-Missing").shouldBeNull()
                    first.metadata.names.first() shouldBe "Peer-Address"
                    second.metadata shouldBeSameInstanceAs first.metadata // one object per connection

                    server.send(Message.of("reply"))
                    val reply = within { client.receive() }
                    reply.property("Socket-Type") shouldBe "DEALER"
                    reply.property("Identity") shouldBe "IDENT"
                    reply.property("User-Id").shouldBeNull() // the client side asks no ZAP handler
                }
            }
        }
    }

    test("ZAP's metadata wins over a property of the same name the peer announced, as in libzmq") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, metadata = zapMetadata("X-Foo" to "from-zap")).use {
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val client = ctx.securityClient(null) { SecurityConfigs.plainClient(this); metadata = mapOf("X-Foo" to "from-peer") }
                    client.connect(endpoint)
                    client.send(Message.of("x"))
                    within { server.receive() }.property("X-Foo") shouldBe "from-zap"
                }
            }
        }
    }

    test("a ROUTER's received message keeps the metadata under the routing id frame it adds; ipc has no Peer-Address") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind(bindableEndpoint("ipc"))
            val dealer = ctx.socket(SocketType.DEALER).apply {
                routingId = "d1".toByteArray()
                metadata = mapOf("X-Client" to "yes")
                connect(endpoint)
            }
            dealer.send(Message.of("hello"))
            val received = within { router.receive() }
            received[0].decodeToString() shouldBe "d1"
            received.property("X-Client") shouldBe "yes"
            received.property("Socket-Type") shouldBe "DEALER"
            received.property("Peer-Address").shouldBeNull()
        }
    }

    test("REP and REQ keep the metadata when they take the envelope off") {
        withTestContext { ctx ->
            val rep = ctx.socket(SocketType.REP)
            val req = ctx.socket(SocketType.REQ).apply { metadata = mapOf("X-Who" to "req"); connect(rep.bind("tcp://127.0.0.1:*")) }
            req.send(Message.of("question"))
            val question = within { rep.receive() }
            question.toStrings() shouldBe listOf("question")
            question.property("X-Who") shouldBe "req"
            rep.send(Message.of("answer"))
            within { req.receive() }.property("Socket-Type") shouldBe "REP"
        }
    }

    test("messages made by the application and messages over inproc carry no metadata") {
        Message.of("x").metadata shouldBe Metadata.EMPTY
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { bind("inproc://metadata-test") }
            ctx.socket(SocketType.PUSH).apply { connect("inproc://metadata-test") }.send(Message.of("x"))
            within { pull.receive() }.metadata.isEmpty shouldBe true
        }
    }
})
