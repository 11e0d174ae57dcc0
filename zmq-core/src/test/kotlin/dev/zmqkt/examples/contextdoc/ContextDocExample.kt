package dev.zmqkt.examples.contextdoc

import dev.zmqkt.*

suspend fun main() = Context().use { ctx ->
    val server = ctx.socket(SocketType.PAIR)
    val client = ctx.socket(SocketType.PAIR)
    client.connect(server.bind("tcp://127.0.0.1:*"))
    client.send(Message.of("ping"))
    println(server.receive().toStrings())   // [ping]
} // closes every socket, waiting for their linger time (infinite by default, as in libzmq)
