package dev.zmqkt.support

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.time.Duration

/** Socket settings of libzmq's `testutil_security.cpp`, for the security tests. */
object SecurityConfigs {
    const val ZAP_DOMAIN = "ZAPTEST"

    val nullServer: SocketOptions.() -> Unit = { zapDomain = ZAP_DOMAIN }
    val nullClient: SocketOptions.() -> Unit = {}
    val plainServer: SocketOptions.() -> Unit = {
        plainServer = true
        zapDomain = ZAP_DOMAIN
    }
    val plainClient: SocketOptions.() -> Unit = {
        plainUsername = TestZapHandler.USER
        plainPassword = TestZapHandler.PASSWORD
    }
}

/**
 * libzmq's server of the security tests: a DEALER with routing id "IDENT", linger 0 and [configure] applied,
 * bound to [endpoint]. Returns the socket and its resolved endpoint.
 */
fun Context.securityServer(configure: SocketOptions.() -> Unit, endpoint: String = "tcp://127.0.0.1:*"): Pair<Socket, String> {
    val server = socket(SocketType.DEALER).apply {
        linger = Duration.ZERO
        routingId = "IDENT".toByteArray()
        configure()
    }
    return server to server.bind(endpoint)
}

/** A client DEALER with [configure] applied, connected to [endpoint] unless it is null. */
fun Context.securityClient(endpoint: String?, configure: SocketOptions.() -> Unit): Socket =
    socket(SocketType.DEALER).apply {
        linger = Duration.ZERO
        configure()
        endpoint?.let { connect(it) }
    }

/** libzmq's `bounce`: a message each way between two connected sockets. */
suspend fun bounce(server: Socket, client: Socket) {
    client.send(Message.of("ping", "from client"))
    within { server.receive() }.toStrings() shouldBe listOf("ping", "from client")
    server.send(Message.of("pong"))
    within { client.receive() }.toStrings() shouldBe listOf("pong")
}

/** After a failed handshake (seen as its monitor event), nothing a client sent may have reached [server]. */
fun assertNothingReceived(server: Socket) {
    server.tryReceive().shouldBeNull()
}
