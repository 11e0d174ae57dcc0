package dev.zmqkt.security

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketType
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketOptions
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.support.SecurityConfigs
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.TestZapHandler.Behaviour
import dev.zmqkt.support.assertNothingReceived
import dev.zmqkt.support.bounce
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.coroutineScope

/**
 * libzmq's `test_security_zap.cpp`, for NULL and PLAIN: a faulty or refusing ZAP handler fails the handshake with
 * the monitor event libzmq raises, and nothing the client sent gets through.
 */
@OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)
class SecurityZapTest : FunSpec({
    class Case(val name: String, val server: SocketOptions.() -> Unit, val client: SocketOptions.() -> Unit)

    val cases = listOf(
        Case("NULL", SecurityConfigs.nullServer, SecurityConfigs.nullClient),
        Case("PLAIN", SecurityConfigs.plainServer, SecurityConfigs.plainClient),
    )

    for (case in cases) {
        context("${case.name} with a ZAP handler") {
            /** A handler with [behaviour], a server, a client: the server raises [event] with [value]. */
            suspend fun expectServerEvent(behaviour: Behaviour, event: SocketEventType, value: Long) = withTestContext { ctx ->
                coroutineScope {
                    TestZapHandler(ctx, this, behaviour).use {
                        val (server, endpoint) = ctx.securityServer(case.server)
                        val failed = expectEvent(server, event)
                        ctx.securityClient(endpoint, case.client).send(dev.zmqkt.Message.of("sneaky"))
                        failed.await().value shouldBe value
                        assertNothingReceived(server)
                    }
                }
            }

            test("that accepts: the handshake succeeds and messages flow both ways") {
                withTestContext { ctx ->
                    coroutineScope {
                        TestZapHandler(ctx, this).use { handler ->
                            val (server, endpoint) = ctx.securityServer(case.server)
                            val client = ctx.securityClient(endpoint, case.client)
                            bounce(server, client)
                            val request = within { handler.requests.receive() }
                            request.version shouldBe "1.0"
                            request.requestId shouldBe "1"
                            request.domain shouldBe SecurityConfigs.ZAP_DOMAIN
                            request.address shouldBe "127.0.0.1"
                            request.routingId shouldBe "IDENT"
                            request.mechanism shouldBe case.name
                        }
                    }
                }
            }

            test("served by a ROUTER: the request comes with a routing id, the reply goes back through it") {
                withTestContext { ctx ->
                    val handler = ctx.socket(SocketType.ROUTER).apply { bind(TestZapHandler.ENDPOINT) }
                    val (server, endpoint) = ctx.securityServer(case.server)
                    val client = ctx.securityClient(endpoint, case.client)
                    val request = within { handler.receive() }
                    request[1].isEmpty shouldBe true // the delimiter libzmq sends first
                    request[2].decodeToString() shouldBe "1.0"
                    request[7].decodeToString() shouldBe case.name
                    handler.send(Message.of(request[0], Frame.EMPTY, Frame.of("1.0"), request[3], Frame.of("200"),
                        Frame.of("OK"), Frame.of("router-user"), Frame.EMPTY))
                    client.send(Message.of("through"))
                    val received = within { server.receive() }
                    received.toStrings() shouldBe listOf("through")
                    received.property("User-Id") shouldBe "router-user"
                }
            }

            test("that answers with a wrong version: ZAP_BAD_VERSION") {
                expectServerEvent(Behaviour.WRONG_VERSION, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_BAD_VERSION.toLong())
            }

            test("that answers with a wrong request id: ZAP_BAD_REQUEST_ID") {
                expectServerEvent(Behaviour.WRONG_REQUEST_ID, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_BAD_REQUEST_ID.toLong())
            }

            test("that answers with an invalid status code: ZAP_INVALID_STATUS_CODE") {
                expectServerEvent(Behaviour.STATUS_INVALID, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_INVALID_STATUS_CODE.toLong())
            }

            test("that answers with too many parts: ZAP_MALFORMED_REPLY") {
                expectServerEvent(Behaviour.TOO_MANY_PARTS, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_MALFORMED_REPLY.toLong())
            }

            test("that answers 300: an authentication failure, and the client is closed without ERROR") {
                withTestContext { ctx ->
                    coroutineScope {
                        TestZapHandler(ctx, this, Behaviour.STATUS_300).use {
                            val (server, endpoint) = ctx.securityServer(case.server)
                            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                            val client = ctx.securityClient(null, case.client)
                            val clientAuth = client.monitor(SocketEventType.HANDSHAKE_FAILED_AUTH)
                            val clientOther = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                            client.connect(endpoint)
                            failed.await().value shouldBe 300
                            // no ERROR reached the client: it saw the connection drop, not a refusal
                            clientOther.await()
                            client.close()
                            val authEvents = mutableListOf<dev.zmqkt.SocketEvent>()
                            within { clientAuth.collect { authEvents += it } }
                            authEvents.filter { it.type == SocketEventType.HANDSHAKE_FAILED_AUTH } shouldBe emptyList()
                            assertNothingReceived(server)
                        }
                    }
                }
            }

            test("that answers 500: an authentication failure on both sides (the client gets ERROR 500)") {
                withTestContext { ctx ->
                    coroutineScope {
                        TestZapHandler(ctx, this, Behaviour.STATUS_500).use {
                            val (server, endpoint) = ctx.securityServer(case.server)
                            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                            val client = ctx.securityClient(null, case.client)
                            val clientFailed = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
                            client.connect(endpoint)
                            failed.await().value shouldBe 500
                            clientFailed.await().value shouldBe 500
                            assertNothingReceived(server)
                        }
                    }
                }
            }

            test("without a handler and with zapEnforceDomain: refused without detail (EFAULT)") {
                withTestContext { ctx ->
                    val (server, endpoint) = ctx.securityServer({ case.server(this); zapEnforceDomain = true })
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                    ctx.securityClient(endpoint, case.client).send(dev.zmqkt.Message.of("sneaky"))
                    failed.await().value shouldBe MechanismException.EFAULT.toLong()
                    assertNothingReceived(server)
                }
            }

            test("whose socket closes after reading the request: the handshake fails without detail") {
                expectServerEvent(Behaviour.DISCONNECT, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, 0)
            }

            test("that never answers while the client stays: the handshake time limit ends the wait") {
                withTestContext(handshake = java.time.Duration.ofMillis(300)) { ctx ->
                    coroutineScope {
                        TestZapHandler(ctx, this, Behaviour.DO_NOT_SEND).use { handler ->
                            val (server, endpoint) = ctx.securityServer(case.server)
                            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                            ctx.securityClient(endpoint, case.client)
                            within { handler.requests.receive() }
                            failed.await().reason!! shouldContain "did not complete within 300 ms"
                            assertNothingReceived(server)
                        }
                    }
                }
            }

            for (behaviour in listOf(Behaviour.DO_NOT_RECEIVE, Behaviour.DO_NOT_SEND)) {
                test("that never answers ($behaviour): the handshake waits, holding no thread, and fails without detail when the client leaves") {
                    withTestContext { ctx ->
                        coroutineScope {
                            TestZapHandler(ctx, this, behaviour).use { handler ->
                                val (server, endpoint) = ctx.securityServer(case.server)
                                val accepted = expectEvent(server, SocketEventType.ACCEPTED)
                                val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                                val client = ctx.securityClient(endpoint, case.client)
                                accepted.await()
                                if (behaviour == Behaviour.DO_NOT_SEND) within { handler.requests.receive() }
                                client.close()
                                failed.await()
                                assertNothingReceived(server)
                            }
                        }
                    }
                }
            }
        }
    }
})
