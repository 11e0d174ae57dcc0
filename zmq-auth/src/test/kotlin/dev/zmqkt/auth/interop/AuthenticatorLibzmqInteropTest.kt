package dev.zmqkt.auth.interop

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.auth.Curve
import dev.zmqkt.auth.CurveCertificate
import dev.zmqkt.auth.CurveKeyPair
import dev.zmqkt.auth.support.Python
import dev.zmqkt.auth.support.PythonProcess
import dev.zmqkt.auth.support.TestCertificates
import dev.zmqkt.auth.support.withAuthenticator
import dev.zmqkt.support.Peers
import dev.zmqkt.support.bindableEndpoint
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContain
import io.kotest.matchers.shouldBe
import java.nio.file.Path

/**
 * The Authenticator against libzmq 4.3 (pyzmq), over tcp and ipc: a zmq-kt Authenticator judging libzmq PLAIN
 * and CURVE clients, pyzmq's ThreadAuthenticator judging zmq-kt CURVE clients, and a certificate directory made
 * by pyzmq's `create_certificates` serving zmq-kt's `configureCurve`.
 */
class AuthenticatorLibzmqInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    val certs = TestCertificates(tempdir().toPath())
    val stranger = Curve.keypair()

    fun libzmqCurveClient(keys: CurveKeyPair, serverKey: String = certs.server.publicKey) = mapOf(
        "CURVE_SERVERKEY" to Curve.keyBytes(serverKey),
        "CURVE_PUBLICKEY" to keys.publicKeyBytes(),
        "CURVE_SECRETKEY" to keys.secretKeyBytes(),
    )

    fun curveServer(ctx: dev.zmqkt.Context, keys: CurveKeyPair = certs.server) = ctx.socket(SocketType.ROUTER).apply {
        curveServer = true
        curveSecretKey = keys.secretKeyBytes()
    }

    for (transport in listOf("tcp", "ipc")) {
        test("$transport: a zmq-kt Authenticator admits a libzmq PLAIN client with the right password; the User-Id is its user name") {
            withAuthenticator { ctx, auth -> peer { lz ->
                auth.configurePlain(mapOf("admin" to "secret"))
                val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true }
                val endpoint = server.bind(bindableEndpoint(transport))
                lz.socket("DEALER", options = mapOf("PLAIN_USERNAME" to "admin".toByteArray(), "PLAIN_PASSWORD" to "secret".toByteArray()))
                lz.connect(endpoint)
                io { lz.send(Message.of("hello")) }
                val received = within { server.receive() }
                received[1].decodeToString() shouldBe "hello"
                received.property("User-Id") shouldBe "admin"
                server.send(Message.of(received[0].copyBytes(), "welcome".toByteArray()))
                io { lz.receive() } shouldBe Message.of("welcome")
            } }
        }

        test("$transport: a libzmq PLAIN client with a wrong password is refused with 400 on both sides") {
            withAuthenticator { ctx, auth -> peer { lz ->
                auth.configurePlain(mapOf("admin" to "secret"))
                val server = ctx.socket(SocketType.ROUTER).apply { plainServer = true }
                val endpoint = server.bind(bindableEndpoint(transport))
                val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                lz.socket("DEALER", options = mapOf("PLAIN_USERNAME" to "admin".toByteArray(), "PLAIN_PASSWORD" to "wrong".toByteArray()))
                lz.monitor()
                lz.connect(endpoint)
                failed.await().value shouldBe 400
                io { lz.events(waitMs = 10_000, until = "HANDSHAKE_FAILED_AUTH") } shouldContain "HANDSHAKE_FAILED_AUTH"
                server.tryReceive() shouldBe null
            } }
        }

        test("$transport: a zmq-kt Authenticator admits a libzmq CURVE client listed in the certificate directory; the User-Id is its Z85 key") {
            withAuthenticator { ctx, auth -> peer { lz ->
                auth.configureCurve(certs.publicKeysDir)
                val server = curveServer(ctx)
                val endpoint = server.bind(bindableEndpoint(transport))
                lz.socket("DEALER", options = libzmqCurveClient(certs.client))
                lz.connect(endpoint)
                io { lz.send(Message.of("hello", "curve")) }
                val received = within { server.receive() }
                received.drop(1) shouldBe Message.of("hello", "curve")
                received.property("User-Id") shouldBe certs.client.publicKey
                if (transport == "tcp") received.property("Peer-Address") shouldBe "127.0.0.1"
                server.send(received.drop(1).prepend(received[0]))
                io { lz.receive() } shouldBe Message.of("hello", "curve")
            } }
        }

        test("$transport: a libzmq CURVE client whose key is not in the directory is refused with 400 on both sides") {
            withAuthenticator { ctx, auth -> peer { lz ->
                auth.configureCurve(certs.publicKeysDir)
                val server = curveServer(ctx)
                val endpoint = server.bind(bindableEndpoint(transport))
                val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                lz.socket("DEALER", options = libzmqCurveClient(stranger))
                lz.monitor()
                lz.connect(endpoint)
                io { lz.send(Message.of("sneaky")) }
                failed.await().value shouldBe 400
                io { lz.events(waitMs = 10_000, until = "HANDSHAKE_FAILED_AUTH") } shouldContain "HANDSHAKE_FAILED_AUTH"
                server.tryReceive() shouldBe null
            } }
        }

        test("$transport: pyzmq's ThreadAuthenticator admits a zmq-kt CURVE client from its directory and refuses a stranger").config(enabledOrReasonIf = Python.pyzmq) {
            val endpoint = if (transport == "tcp") "tcp://127.0.0.1:*" else bindableEndpoint("ipc")
            PythonProcess.start(
                "pyzmq_curve_auth_server.py", endpoint, certs.secretKeysDir.resolve("server.key_secret").toString(), certs.publicKeysDir.toString(),
            ).use { py ->
                val bound = io { py.nextLine("endpoint ") }.substringAfter(' ')
                withTestContext { ctx ->
                    val client = ctx.socket(SocketType.DEALER).apply {
                        curveServerKey = certs.server.publicKeyBytes()
                        curvePublicKey = certs.client.publicKeyBytes()
                        curveSecretKey = certs.client.secretKeyBytes()
                        connect(bound)
                    }
                    client.send(Message.of("hi"))
                    within { client.receive() } shouldBe Message.of("hi", "User-Id=${certs.client.publicKey}")

                    val refused = ctx.socket(SocketType.DEALER).apply {
                        curveServerKey = certs.server.publicKeyBytes()
                        curvePublicKey = stranger.publicKeyBytes()
                        curveSecretKey = stranger.secretKeyBytes()
                    }
                    val failed = expectEvent(refused, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    refused.connect(bound)
                    refused.send(Message.of("sneaky"))
                    failed.await().value shouldBe 400
                    io { py.nextLine("event HANDSHAKE_FAILED_AUTH") } shouldBe "event HANDSHAKE_FAILED_AUTH 400"
                }
            }
        }
    }

    test("pyzmq's ThreadAuthenticator with CURVE_ALLOW_ANY admits any zmq-kt CURVE client, and grants its Z85 key") {
        PythonProcess.start(
            "pyzmq_curve_auth_server.py", "tcp://127.0.0.1:*", certs.secretKeysDir.resolve("server.key_secret").toString(), "*",
        ).use { py ->
            val bound = io { py.nextLine("endpoint ") }.substringAfter(' ')
            withTestContext { ctx ->
                val client = ctx.socket(SocketType.DEALER).apply {
                    curveServerKey = certs.server.publicKeyBytes()
                    curvePublicKey = stranger.publicKeyBytes()
                    curveSecretKey = stranger.secretKeyBytes()
                    connect(bound)
                }
                client.send(Message.of("any"))
                within { client.receive() } shouldBe Message.of("any", "User-Id=${stranger.publicKey}")
            }
        }
    }

    test("a certificate directory written by pyzmq's create_certificates: configureCurve admits the libzmq client holding its secret") {
        val dir: Path = tempdir().toPath()
        val script = """
            import os, sys, zmq.auth
            base = sys.argv[1]
            public_dir = os.path.join(base, "public"); os.mkdir(public_dir)
            secret_dir = os.path.join(base, "secret"); os.mkdir(secret_dir)
            for name in ("server", "client"):
                zmq.auth.create_certificates(secret_dir, name, metadata={"made-by": "pyzmq"})
                os.rename(os.path.join(secret_dir, name + ".key"), os.path.join(public_dir, name + ".key"))
            for name in ("server", "client"):
                public, secret = zmq.auth.load_certificate(os.path.join(secret_dir, name + ".key_secret"))
                print(public.decode(), secret.decode())
        """.trimIndent()
        val (server, client) = Python.run(script, dir.toString()).lines().filter { it.isNotBlank() }.map { line ->
            val (public, secret) = line.split(' ')
            CurveKeyPair(Curve.keyBytes(public), Curve.keyBytes(secret))
        }
        CurveCertificate.load(dir.resolve("secret/server.key_secret")).keyPair() shouldBe server
        withAuthenticator { ctx, auth -> peer { lz ->
            auth.configureCurve("*", dir.resolve("public").toString())
            val kt = curveServer(ctx, server)
            val endpoint = kt.bind("tcp://127.0.0.1:*")
            lz.socket("DEALER", options = libzmqCurveClient(client, server.publicKey))
            lz.connect(endpoint)
            io { lz.send(Message.of("from pyzmq's keys")) }
            val received = within { kt.receive() }
            received[1].decodeToString() shouldBe "from pyzmq's keys"
            received.property("User-Id") shouldBe client.publicKey
        } }
    }

    test("NULL with a ZAP domain: the Authenticator's deny list refuses a libzmq client, its allow list admits one") {
        withAuthenticator { ctx, auth -> peer { lz ->
            auth.deny("127.0.0.1")
            val server = ctx.socket(SocketType.PULL).apply { zapDomain = "global" }
            val endpoint = server.bind("tcp://127.0.0.1:*")
            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
            lz.socket("PUSH")
            lz.connect(endpoint)
            failed.await().value shouldBe 400
        } }
        withAuthenticator { ctx, auth -> peer { lz ->
            auth.allow("127.0.0.1")
            val server = ctx.socket(SocketType.PULL).apply { zapDomain = "global" }
            val endpoint = server.bind("tcp://127.0.0.1:*")
            lz.socket("PUSH")
            lz.connect(endpoint)
            io { lz.send(Message.of("allowed")) }
            val received = within { server.receive() }
            received shouldBe Message.of("allowed")
            received.property("User-Id") shouldBe "anonymous"
        } }
    }
})
