package dev.zmqkt.auth.interop

import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Curve
import dev.zmqkt.auth.support.TestCertificates
import dev.zmqkt.auth.support.withAuthenticator
import dev.zmqkt.support.JEROMQ_HANDSHAKE
import dev.zmqkt.support.JeromqThread
import dev.zmqkt.support.connectTo
import dev.zmqkt.support.jeromq
import dev.zmqkt.support.within
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.first
import org.zeromq.ZMQ
import org.zeromq.SocketType as JSocketType

/** JeroMQ 0.6 clients (CURVE through jnacl, PLAIN) judged by a zmq-kt Authenticator. */
class AuthenticatorJeromqInteropTest : FunSpec({
    val certs = TestCertificates(tempdir().toPath())

    fun ZMQ.Socket.curveClient(keys: dev.zmqkt.auth.CurveKeyPair) {
        setCurveServerKey(certs.server.publicKeyBytes())
        setCurvePublicKey(keys.publicKeyBytes())
        setCurveSecretKey(keys.secretKeyBytes())
    }

    fun curveServer(ctx: dev.zmqkt.Context) = ctx.socket(SocketType.PULL).apply {
        curveServer = true
        curveSecretKey = certs.server.secretKeyBytes()
    }

    test("a JeroMQ CURVE client listed in the certificate directory is admitted; the User-Id is its Z85 key") {
        withAuthenticator(JEROMQ_HANDSHAKE) { ctx, auth -> jeromq { z ->
            auth.allow("127.0.0.1")
            auth.configureCurve(certs.publicKeysDir)
            val server = curveServer(ctx)
            val endpoint = server.bind("tcp://127.0.0.1:*")
            val client = z.connectTo(server, endpoint, JSocketType.PUSH) { curveClient(certs.client) }
            JeromqThread.run { client.send("from jeromq") }
            val received = within { server.receive() }
            received.toStrings() shouldBe listOf("from jeromq")
            received.property("User-Id") shouldBe certs.client.publicKey
        } }
    }

    test("a JeroMQ CURVE client with an unknown key is refused with 400; one admitted later by a callback gets in") {
        withAuthenticator(JEROMQ_HANDSHAKE) { ctx, auth -> jeromq { z ->
            auth.configureCurve(certs.publicKeysDir)
            val stranger = Curve.keypair()
            val server = curveServer(ctx)
            val endpoint = server.bind("tcp://127.0.0.1:*")
            val refused = server.monitor(SocketEventType.HANDSHAKE_FAILED_AUTH)
            z.connectTo(server, endpoint, JSocketType.PUSH, SocketEventType.HANDSHAKE_FAILED_AUTH) { curveClient(stranger) }
            within { refused.first() }.value shouldBe 400
            server.tryReceive() shouldBe null

            auth.configureCurveCallback { _, key -> key == stranger.publicKey }
            auth.curveUserId = { "the stranger" }
            val client = z.connectTo(server, endpoint, JSocketType.PUSH) { curveClient(stranger) }
            JeromqThread.run { client.send("let in") }
            val received = within { server.receive() }
            received.toStrings() shouldBe listOf("let in")
            received.property("User-Id") shouldBe "the stranger"
        } }
    }

    test("JeroMQ PLAIN clients: the right password is admitted with its user name, a wrong one refused with 400") {
        withAuthenticator(JEROMQ_HANDSHAKE) { ctx, auth -> jeromq { z ->
            auth.configurePlain(mapOf("admin" to "secret"))
            val server = ctx.socket(SocketType.PULL).apply { plainServer = true }
            val endpoint = server.bind("tcp://127.0.0.1:*")
            z.connectTo(server, endpoint, JSocketType.PUSH, SocketEventType.HANDSHAKE_FAILED_AUTH) {
                setPlainUsername("admin".toByteArray()); setPlainPassword("wrong".toByteArray())
            }
            val client = z.connectTo(server, endpoint, JSocketType.PUSH) {
                setPlainUsername("admin".toByteArray()); setPlainPassword("secret".toByteArray())
            }
            JeromqThread.run { client.send("plain") }
            val received = within { server.receive() }
            received.toStrings() shouldBe listOf("plain")
            received.property("User-Id") shouldBe "admin"
        } }
    }
})
