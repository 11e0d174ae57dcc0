package dev.zmqkt.auth.authenticator

import dev.zmqkt.ProtocolError
import dev.zmqkt.SocketEventType
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.auth.Curve
import dev.zmqkt.auth.CurveCredentialsProvider
import dev.zmqkt.auth.support.TestCertificates
import dev.zmqkt.auth.support.canConnect
import dev.zmqkt.auth.support.cannotConnect
import dev.zmqkt.auth.support.curve
import dev.zmqkt.auth.support.pushPull
import dev.zmqkt.auth.support.withAuthenticator
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.future.future
import kotlinx.coroutines.yield

/**
 * pyzmq's `zmq/tests/test_auth.py`, scenario by scenario, against real zmq-kt sockets over tcp: a PUSH "server"
 * bound on loopback, a PULL "client", and the Authenticator of their context.
 */
class AuthenticatorTest : FunSpec({
    test("NULL: without an authenticator a client connects, also to a socket with a ZAP domain") {
        withTestContext { ctx ->
            val (server, client) = ctx.pushPull()
            canConnect(server, client)
            val (server2, client2) = ctx.pushPull()
            server2.zapDomain = "global"
            canConnect(server2, client2)
        }
    }

    test("deny 127.0.0.1: a NULL client of a socket with a ZAP domain is refused; allow is then refused") {
        withAuthenticator { ctx, auth ->
            auth.deny("127.0.0.1")
            shouldThrow<IllegalArgumentException> { auth.allow("127.0.0.2") }.message shouldBe "Only use allow or deny, not both"
            val (server, client) = ctx.pushPull()
            server.zapDomain = "global"
            cannotConnect(server, client).value shouldBe 400
        }
    }

    test("allow 127.0.0.1: a NULL client of a socket with a ZAP domain connects; deny is then refused") {
        withAuthenticator { ctx, auth ->
            auth.allow("127.0.0.1")
            shouldThrow<IllegalArgumentException> { auth.deny("127.0.0.2") }
            val (server, client) = ctx.pushPull()
            server.zapDomain = "global"
            canConnect(server, client)
        }
    }

    test("allow another address: a NULL client from 127.0.0.1 is refused") {
        withAuthenticator { ctx, auth ->
            auth.allow("127.0.0.2")
            val (server, client) = ctx.pushPull()
            server.zapDomain = "global"
            cannotConnect(server, client).value shouldBe 400
        }
    }

    for ((enabled, password, success) in listOf(Triple(true, "correct", true), Triple(false, "correct", false), Triple(true, "incorrect", false))) {
        test("PLAIN: passwords configured=$enabled, password '$password': ${if (success) "connects" else "refused"}; after stop a NULL client connects") {
            withAuthenticator { ctx, auth ->
                val (server, client) = ctx.pushPull()
                server.plainServer = true
                client.plainUsername = "admin"
                client.plainPassword = password
                if (enabled) auth.configurePlain("*", mapOf("admin" to "correct"))
                if (success) {
                    canConnect(server, client)
                } else {
                    cannotConnect(server, client).value shouldBe 400
                }
                auth.stop()
                val (server2, client2) = ctx.pushPull()
                canConnect(server2, client2)
            }
        }
    }

    val certs = TestCertificates(tempdir().toPath())

    for ((clientKey, location, success) in listOf(
        Triple("ok", Authenticator.CURVE_ALLOW_ANY, true),
        Triple("ok", "public_keys", true),
        Triple("bad", "public_keys", false),
        Triple(null, "public_keys", false),
    )) {
        test("CURVE: client key $clientKey, location $location: ${if (success) "connects" else "refused"}; after stop a NULL client connects") {
            withAuthenticator { ctx, auth ->
                auth.allow("127.0.0.1")
                val (server, client) = ctx.pushPull()
                // "bad": the client expects another server key, so the server cannot open its HELLO
                val serverKey = if (clientKey == "bad") Curve.keypair().publicKey else certs.server.publicKey
                curve(server, certs.server, client, if (clientKey == null) null else certs.client, serverKey)
                auth.configureCurve("*", if (location == "public_keys") certs.publicKeysDir.toString() else location)
                when {
                    success -> canConnect(server, client)
                    clientKey == null -> cannotConnect(server, client, SocketEventType.HANDSHAKE_FAILED_PROTOCOL).value shouldBe
                        ProtocolError.ZMTP_MECHANISM_MISMATCH.toLong()
                    else -> cannotConnect(server, client, SocketEventType.HANDSHAKE_FAILED_PROTOCOL).value shouldBe
                        ProtocolError.ZMTP_CRYPTOGRAPHIC.toLong()
                }
                auth.stop()
                val (server2, client2) = ctx.pushPull()
                canConnect(server2, client2)
            }
        }
    }

    test("CURVE: a client whose key is not in the certificate directory is refused with 400 on both sides") {
        withAuthenticator { ctx, auth ->
            auth.configureCurve(certs.publicKeysDir)
            val (server, client) = ctx.pushPull()
            curve(server, certs.server, client, Curve.keypair(), certs.server.publicKey)
            val clientFailed = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
            cannotConnect(server, client).value shouldBe 400
            clientFailed.await().value shouldBe 400
        }
    }

    for (key in listOf("ok", "wrong")) {
        for (kind in listOf("suspending", "future")) {
            test("CURVE callback ($kind), key $key: ${if (key == "ok") "connects" else "refused"}") {
                withAuthenticator { ctx, auth ->
                    auth.allow("127.0.0.1")
                    val expected = if (key == "ok") certs.client.publicKey else certs.server.publicKey
                    val asked = CompletableDeferred<Pair<String, String>>()
                    when (kind) {
                        "suspending" -> auth.configureCurveCallback { domain, clientKey ->
                            asked.complete(domain to clientKey)
                            yield() // it may suspend: the handler answers later
                            clientKey == expected
                        }
                        else -> auth.configureCurveCallback(
                            "*",
                            CurveCredentialsProvider { domain, clientKey ->
                                asked.complete(domain to clientKey)
                                future { clientKey == expected }
                            },
                        )
                    }
                    val (server, client) = ctx.pushPull()
                    curve(server, certs.server, client, certs.client)
                    if (key == "ok") canConnect(server, client) else cannotConnect(server, client).value shouldBe 400
                    asked.await() shouldBe ("*" to certs.client.publicKey)
                }
            }
        }
    }

    test("CURVE User-Id: the client's Z85 key by default, then what a replaced curveUserId makes of it") {
        withAuthenticator { ctx, auth ->
            auth.allow("127.0.0.1")
            auth.configureCurve("*", certs.publicKeysDir)
            // reversed roles: the PULL is the CURVE server, so messages it receives carry the User-Id
            val (client, server) = ctx.pushPull()
            curve(server, certs.server, client, certs.client)
            canConnect(client, server).property("User-Id") shouldBe certs.client.publicKey

            auth.curveUserId = { "custom" }
            val client2 = ctx.pushPull().first
            curve(server, certs.server, client2, certs.client)
            val message = canConnect(client2, server)
            message.property("User-Id") shouldBe "custom"
        }
    }
})
