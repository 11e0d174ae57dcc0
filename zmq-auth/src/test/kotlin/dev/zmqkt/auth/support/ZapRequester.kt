package dev.zmqkt.auth.support

import dev.zmqkt.Context
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.support.within
import io.kotest.matchers.shouldBe
import java.time.Duration

/**
 * Talks ZAP (RFC 27) to the handler bound in a context as libzmq's `zap_client` does: a DEALER sending an empty
 * delimiter, then the request's frames; the reply comes back after the delimiter.
 */
class ZapRequester(context: Context) : AutoCloseable {
    private val socket = context.socket(SocketType.DEALER).apply {
        linger = Duration.ZERO
        connect(Authenticator.ENDPOINT)
    }

    /** One reply, as pyzmq's `_send_zap_reply` makes it. */
    data class Reply(val version: String, val requestId: String, val status: String, val text: String, val userId: String, val metadata: ByteArray)

    /** Sends [frames] after the delimiter and returns the reply's frames after it. */
    suspend fun raw(vararg frames: Frame): List<Frame> {
        socket.send(Message(listOf(Frame.EMPTY) + frames))
        val reply = within { socket.receive() }
        reply[0].isEmpty shouldBe true
        return reply.frames.drop(1)
    }

    /** A well-formed request from [address] in [domain]. */
    suspend fun ask(mechanism: String, vararg credentials: ByteArray, domain: String = "", address: String = "127.0.0.1", requestId: String = "7"): Reply {
        val frames = listOf("1.0", requestId, domain, address, "IDENT", mechanism).map { Frame.of(it) } + credentials.map { Frame.of(it) }
        val r = raw(*frames.toTypedArray())
        r.size shouldBe 6
        return Reply(r[0].decodeToString(), r[1].decodeToString(), r[2].decodeToString(), r[3].decodeToString(), r[4].decodeToString(), r[5].copyBytes())
    }

    suspend fun askPlain(user: String, password: String, domain: String = "", address: String = "127.0.0.1"): Reply =
        ask("PLAIN", user.toByteArray(), password.toByteArray(), domain = domain, address = address)

    suspend fun askCurve(key: ByteArray, domain: String = "", address: String = "127.0.0.1"): Reply =
        ask("CURVE", key, domain = domain, address = address)

    override fun close() = socket.close()
}
