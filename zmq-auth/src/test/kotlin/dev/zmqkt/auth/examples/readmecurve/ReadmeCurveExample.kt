package dev.zmqkt.auth.examples.readmecurve

import dev.zmqkt.*
import dev.zmqkt.auth.*
import kotlinx.coroutines.coroutineScope
import java.nio.file.Files

suspend fun main() = Context().use { ctx ->
    // Certificates in pyzmq's and czmq's format: name.key (public) and name.key_secret (both keys).
    val certs = Files.createTempDirectory("certs")
    val clients = Files.createDirectory(certs.resolve("clients"))  // public certificates of the clients let in
    val server = CurveCertificate.load(CurveCertificate.create(certs, "server").secretFile)
    val (clientPublic, clientSecret) = CurveCertificate.create(certs, "client")
    Files.copy(clientPublic, clients.resolve("client.key"))
    val client = CurveCertificate.load(clientSecret)

    coroutineScope {
        val auth = Authenticator(ctx, this)      // the context's ZAP handler, a coroutine in this scope
        auth.allow("127.0.0.1")                  // pyzmq: auth.allow("127.0.0.1")
        auth.configureCurve("*", clients)        // pyzmq: auth.configure_curve(domain="*", location=...)
        auth.start()

        val rep = ctx.socket(SocketType.REP).apply {
            curveServer = true                   // pyzmq: server.curve_server = True
            curveSecretKey = server.secretKeyBytes()
        }
        val req = ctx.socket(SocketType.REQ).apply {
            curveServerKey = server.publicKeyBytes()  // a client must know the server's public key
            curvePublicKey = client.publicKeyBytes()
            curveSecretKey = client.secretKeyBytes()
            connect(rep.bind("tcp://127.0.0.1:*"))
        }
        req.send(Message.of("hello"))
        val request = rep.receive()
        val user = request.property("User-Id")  // the Authenticator grants the client's Z85 public key
        println("${request.toStrings()} from ${if (user == client.publicKey) "client.key" else user}")
        rep.send(Message.of("welcome"))
        println(req.receive().toStrings())       // [welcome]
        auth.stop()                              // or cancel the scope
    }
}
