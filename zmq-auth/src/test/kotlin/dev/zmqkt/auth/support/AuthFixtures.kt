package dev.zmqkt.auth.support

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.auth.CurveCertificate
import dev.zmqkt.auth.CurveKeyPair
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.coroutineScope
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/**
 * pyzmq's `create_certs` fixture of `test_auth.py`: a server and a client certificate made into `certificates`,
 * then the public files (`*.key`) moved to [publicKeysDir] and the secret ones to [secretKeysDir].
 */
class TestCertificates(base: Path) {
    val publicKeysDir: Path = Files.createDirectories(base.resolve("public_keys"))
    val secretKeysDir: Path = Files.createDirectories(base.resolve("private_keys"))

    init {
        val keys = Files.createDirectories(base.resolve("certificates"))
        for (name in listOf("server", "client")) {
            val (public, secret) = CurveCertificate.create(keys, name)
            Files.move(public, publicKeysDir.resolve(public.fileName))
            Files.move(secret, secretKeysDir.resolve(secret.fileName))
        }
    }

    val server: CurveKeyPair = CurveCertificate.load(secretKeysDir.resolve("server.key_secret")).keyPair()
    val client: CurveKeyPair = CurveCertificate.load(secretKeysDir.resolve("client.key_secret")).keyPair()
}

/**
 * A test context (with [handshake] as its handshake interval when given) and an [Authenticator] started in a
 * scope that lives as long as [block].
 */
suspend fun withAuthenticator(handshake: Duration? = null, block: suspend CoroutineScope.(ctx: Context, auth: Authenticator) -> Unit) =
    withTestContext(handshake) { ctx ->
        coroutineScope {
            val auth = Authenticator(ctx, this)
            auth.start()
            try {
                block(ctx, auth)
            } finally {
                auth.stop()
            }
        }
    }

/** pyzmq's `push_pull`: a PUSH "server" and a PULL "client" with linger 0. */
fun Context.pushPull(): Pair<Socket, Socket> =
    socket(SocketType.PUSH).apply { linger = Duration.ZERO } to socket(SocketType.PULL).apply { linger = Duration.ZERO }

/** [server] as a CURVE server with [keys]; [client] as its CURVE client with [clientKeys] (or none: a NULL client). */
fun curve(server: Socket, keys: CurveKeyPair, client: Socket, clientKeys: CurveKeyPair?, serverKeyForClient: String = keys.publicKey) {
    server.curveServer = true
    server.curvePublicKey = keys.publicKeyBytes()
    server.curveSecretKey = keys.secretKeyBytes()
    if (clientKeys != null) {
        client.curvePublicKey = clientKeys.publicKeyBytes()
        client.curveSecretKey = clientKeys.secretKeyBytes()
        client.curveServerKey = dev.zmqkt.auth.Curve.keyBytes(serverKeyForClient)
    }
}

/**
 * pyzmq's `can_connect`, positive: [server] binds over tcp on loopback, [client] connects, a message goes from
 * [server] to [client]. Returns the message as received (with its connection's metadata).
 */
suspend fun canConnect(server: Socket, client: Socket, endpoint: String = "tcp://127.0.0.1:*"): Message {
    client.connect(server.bind(endpoint))
    val hello = Message.of("Hello World")
    within { server.send(hello) }
    val received = within { client.receive() }
    received shouldBe hello
    return received
}

/**
 * pyzmq's `can_connect`, negative, without waiting a fixed time: the handshake fails with [event] on [watched]
 * (the server unless given), and then nothing can go from [server] to [client]. Returns the event.
 */
suspend fun cannotConnect(
    server: Socket,
    client: Socket,
    event: SocketEventType = SocketEventType.HANDSHAKE_FAILED_AUTH,
    watched: Socket = server,
    endpoint: String = "tcp://127.0.0.1:*",
): SocketEvent = coroutineScope {
    val failed = expectEvent(watched, event)
    client.connect(server.bind(endpoint))
    val seen = failed.await()
    server.trySend(Message.of("Hello World")) shouldBe false // no peer was ever attached
    client.tryReceive().shouldBeNull()
    seen
}
