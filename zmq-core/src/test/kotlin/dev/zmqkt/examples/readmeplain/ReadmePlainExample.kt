package dev.zmqkt.examples.readmeplain

import dev.zmqkt.*
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

suspend fun main() = Context().use { ctx ->
    // The ZAP handler (RFC 27) that checks PLAIN passwords: a socket bound at inproc://zeromq.zap.01.
    val zap = ctx.socket(SocketType.REP).apply { bind("inproc://zeromq.zap.01") }
    coroutineScope {
        launch {
            // version, request id, domain, address, routing id, mechanism, user name, password
            val request = zap.receive().toStrings()
            val ok = request[6] == "admin" && request[7] == "secret"
            val status = if (ok) "200" else "400"
            zap.send(Message.of(request[0], request[1], status, "", if (ok) "admin" else "", ""))
        }
        val server = ctx.socket(SocketType.REP).apply { plainServer = true }  // pyzmq: plain_server = True
        val client = ctx.socket(SocketType.REQ).apply {
            plainUsername = "admin"
            plainPassword = "secret"
            connect(server.bind("tcp://127.0.0.1:*"))
        }
        client.send(Message.of("hello"))
        val request = server.receive()
        println("${request.toStrings()} from ${request.property("User-Id")}")  // [hello] from admin
        server.send(Message.of("welcome"))
        println(client.receive().toStrings())                                 // [welcome]
    }
}
