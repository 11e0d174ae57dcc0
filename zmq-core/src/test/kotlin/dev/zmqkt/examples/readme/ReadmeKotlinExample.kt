package dev.zmqkt.examples.readme

import dev.zmqkt.*

suspend fun main() = Context().use { ctx ->
    val pull = ctx.socket(SocketType.PULL)
    val endpoint = pull.bind("tcp://127.0.0.1:*")      // returns the port chosen, e.g. tcp://127.0.0.1:41234

    val push = ctx.socket(SocketType.PUSH)
    push.connect(endpoint)
    push.send(Message.of("hello", "world"))            // a two-frame message, delivered whole

    val message = pull.receive()                       // suspends, no thread blocked
    println(message.toStrings())                       // [hello, world]
}
