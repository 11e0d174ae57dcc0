package dev.zmqkt.security

import dev.zmqkt.Message
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketEventType
import dev.zmqkt.support.RawZmtpPeer
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.assertNothingReceived
import dev.zmqkt.support.bounce
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope

/** libzmq's `test_security_null.cpp`: NULL asks ZAP only when the server has a ZAP domain. */
class SecurityNullTest : FunSpec({
    /** libzmq's handler there: grants domain "TEST", refuses any other. */
    fun domainTest(request: TestZapHandler.ZapRequest) = request.mechanism == "NULL" && request.domain == "TEST"

    test("no ZAP domain: the handler is not asked and the connection succeeds") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, authenticate = ::domainTest).use { handler ->
                    val (server, endpoint) = ctx.securityServer({})
                    server.mechanism shouldBe SecurityMechanism.NULL
                    bounce(server, ctx.securityClient(endpoint) {})
                    handler.requests.tryReceive().getOrNull() shouldBe null
                }
            }
        }
    }

    test("a domain the handler refuses: the handshake fails with 400 on both sides") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, authenticate = ::domainTest).use {
                    val (server, endpoint) = ctx.securityServer({ zapDomain = "WRONG" })
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    val client = ctx.securityClient(null) {}
                    val clientFailed = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    client.connect(endpoint)
                    client.send(Message.of("sneaky"))
                    failed.await().value shouldBe 400
                    clientFailed.await().value shouldBe 400
                    assertNothingReceived(server)
                }
            }
        }
    }

    test("the right domain: the handler is asked and the connection succeeds") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, authenticate = ::domainTest).use { handler ->
                    val (server, endpoint) = ctx.securityServer({ zapDomain = "TEST" })
                    bounce(server, ctx.securityClient(endpoint) {})
                    within { handler.requests.receive() }.domain shouldBe "TEST"
                }
            }
        }
    }

    test("a domain but no handler bound: NULL goes on unauthenticated (libzmq's default)") {
        withTestContext { ctx ->
            val (server, endpoint) = ctx.securityServer({ zapDomain = "TEST" })
            bounce(server, ctx.securityClient(endpoint) {})
        }
    }

    test("a vanilla socket's ZMTP 1.0 greeting and message never reach the server") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, authenticate = ::domainTest).use {
                    val (server, endpoint) = ctx.securityServer({ zapDomain = "WRONG" })
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                    io {
                        RawZmtpPeer.connect(endpoint).use { raw ->
                            raw.write(byteArrayOf(1, 0))
                            raw.write(byteArrayOf(8, 0) + "sneaky".toByteArray() + 0)
                            raw.closedByPeer() shouldBe true
                        }
                    }
                    failed.await()
                    assertNothingReceived(server)
                }
            }
        }
    }
})
