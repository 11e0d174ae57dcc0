package dev.zmqkt.auth.security

import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import dev.zmqkt.auth.support.CurveConfigs
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.TestZapHandler.Behaviour
import dev.zmqkt.support.assertNothingReceived
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope

/**
 * libzmq's `test_security_zap.cpp` for CURVE: a faulty or refusing ZAP handler behind a zmq-kt CURVE server
 * fails the handshake with the monitor event libzmq raises, and nothing the client sent gets through. (The
 * accepting handler and the 400 refusal are in [CurveSecurityTest].)
 */
@OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)
class CurveZapTest : FunSpec({
    val client = CurveConfigs.curveClient()

    /** A handler with [behaviour], a CURVE server, a CURVE client: the server raises [event] with [value]. */
    suspend fun expectServerEvent(behaviour: Behaviour, event: SocketEventType, value: Long) = withTestContext { ctx ->
        coroutineScope {
            TestZapHandler(ctx, this, behaviour, authenticate = CurveConfigs::acceptsValidClient).use {
                val (server, endpoint) = ctx.securityServer(CurveConfigs.curveServer)
                val failed = expectEvent(server, event)
                ctx.securityClient(endpoint, client).send(Message.of("sneaky"))
                failed.await().value shouldBe value
                assertNothingReceived(server)
            }
        }
    }

    test("a reply with a wrong version: ZAP_BAD_VERSION") {
        expectServerEvent(Behaviour.WRONG_VERSION, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_BAD_VERSION.toLong())
    }

    test("a reply with a wrong request id: ZAP_BAD_REQUEST_ID") {
        expectServerEvent(Behaviour.WRONG_REQUEST_ID, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_BAD_REQUEST_ID.toLong())
    }

    test("a reply with an invalid status code: ZAP_INVALID_STATUS_CODE") {
        expectServerEvent(Behaviour.STATUS_INVALID, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_INVALID_STATUS_CODE.toLong())
    }

    test("a reply with too many parts: ZAP_MALFORMED_REPLY") {
        expectServerEvent(Behaviour.TOO_MANY_PARTS, SocketEventType.HANDSHAKE_FAILED_PROTOCOL, ProtocolError.ZAP_MALFORMED_REPLY.toLong())
    }

    test("status 300: an authentication failure on the server; the client is closed without ERROR") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, Behaviour.STATUS_300, authenticate = CurveConfigs::acceptsValidClient).use {
                    val (server, endpoint) = ctx.securityServer(CurveConfigs.curveServer)
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    val curveClient = ctx.securityClient(null, client)
                    val clientAuth = curveClient.monitor(SocketEventType.HANDSHAKE_FAILED_AUTH)
                    val dropped = expectEvent(curveClient, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                    curveClient.connect(endpoint)
                    failed.await().value shouldBe 300
                    dropped.await()
                    curveClient.close()
                    val authEvents = mutableListOf<SocketEvent>()
                    within { clientAuth.collect { authEvents += it } }
                    authEvents shouldBe emptyList()
                    assertNothingReceived(server)
                }
            }
        }
    }

    test("status 500: an authentication failure on both sides (the client gets ERROR 500)") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this, Behaviour.STATUS_500, authenticate = CurveConfigs::acceptsValidClient).use {
                    val (server, endpoint) = ctx.securityServer(CurveConfigs.curveServer)
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    val curveClient = ctx.securityClient(null, client)
                    val clientFailed = expectEvent(curveClient, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    curveClient.connect(endpoint)
                    failed.await().value shouldBe 500
                    clientFailed.await().value shouldBe 500
                    assertNothingReceived(server)
                }
            }
        }
    }

    test("no handler with zapEnforceDomain: refused without detail (EFAULT)") {
        withTestContext { ctx ->
            val (server, endpoint) = ctx.securityServer({ CurveConfigs.curveServer(this); zapEnforceDomain = true })
            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
            ctx.securityClient(endpoint, client).send(Message.of("sneaky"))
            failed.await().value shouldBe MechanismException.EFAULT.toLong()
            assertNothingReceived(server)
        }
    }

    test("a handler whose socket closes after reading the request: the handshake fails without detail") {
        expectServerEvent(Behaviour.DISCONNECT, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, 0)
    }

    for (behaviour in listOf(Behaviour.DO_NOT_RECEIVE, Behaviour.DO_NOT_SEND)) {
        test("a handler that never answers ($behaviour): the handshake waits and fails without detail when the client leaves") {
            withTestContext { ctx ->
                coroutineScope {
                    TestZapHandler(ctx, this, behaviour, authenticate = CurveConfigs::acceptsValidClient).use { handler ->
                        val (server, endpoint) = ctx.securityServer(CurveConfigs.curveServer)
                        val accepted = expectEvent(server, SocketEventType.ACCEPTED)
                        val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                        val curveClient = ctx.securityClient(endpoint, client)
                        accepted.await()
                        if (behaviour == Behaviour.DO_NOT_SEND) within { handler.requests.receive() }
                        curveClient.close()
                        failed.await()
                        assertNothingReceived(server)
                    }
                }
            }
        }
    }
})
