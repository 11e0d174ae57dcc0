package dev.zmqkt.support

import dev.zmqkt.Context
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Job
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.launch
import java.time.Duration

/**
 * A hand-written ZAP handler (RFC 27) for tests, as libzmq's `testutil_security.cpp` has: a REP socket bound at
 * `inproc://zeromq.zap.01` in [context], answering each request from a coroutine in [scope]. [authenticate]
 * decides (mechanism, credentials -> accepted); [behaviour] reproduces libzmq's faulty handlers. Close it (or
 * cancel [scope]) to unbind.
 *
 * A granted request gets User-Id [userId] and [metadata] (ZMTP-encoded properties) in its reply.
 */
class TestZapHandler(
    context: Context,
    scope: CoroutineScope,
    private val behaviour: Behaviour = Behaviour.OK,
    private val userId: String = "anonymous",
    private val metadata: ByteArray = ByteArray(0),
    private val authenticate: (request: ZapRequest) -> Boolean = ::libzmqTestCredentials,
) : AutoCloseable {
    /** libzmq's ZAP handler variants (`zap_protocol_t`). */
    enum class Behaviour { OK, WRONG_VERSION, WRONG_REQUEST_ID, STATUS_INVALID, STATUS_300, STATUS_500, TOO_MANY_PARTS, DISCONNECT, DO_NOT_RECEIVE, DO_NOT_SEND }

    /** One request as the handler read it. */
    class ZapRequest(
        val version: String,
        val requestId: String,
        val domain: String,
        val address: String,
        val routingId: String,
        val mechanism: String,
        val credentials: List<ByteArray>,
    ) {
        val credentialTexts: List<String> get() = credentials.map { String(it, Charsets.UTF_8) }
    }

    private val socket: Socket = context.socket(SocketType.REP).apply {
        linger = Duration.ZERO
        bind(ENDPOINT)
    }

    /** Every request received, in order. */
    val requests = Channel<ZapRequest>(Channel.UNLIMITED)

    private val job: Job = scope.launch(start = CoroutineStart.UNDISPATCHED) {
        if (behaviour == Behaviour.DO_NOT_RECEIVE) return@launch
        while (true) {
            val request = parse(socket.receive())
            requests.trySend(request)
            if (behaviour == Behaviour.DISCONNECT) {
                socket.close()
                return@launch
            }
            if (behaviour == Behaviour.DO_NOT_SEND) awaitCancellation() // the request stays unanswered
            socket.send(reply(request))
        }
    }

    private fun parse(message: Message): ZapRequest {
        val t = message.toStrings()
        return ZapRequest(t[0], t[1], t[2], t[3], t[4], t[5], message.frames.drop(6).map { it.copyBytes() })
    }

    private fun reply(request: ZapRequest): Message {
        val version = if (behaviour == Behaviour.WRONG_VERSION) "invalid_version" else request.version
        val id = if (behaviour == Behaviour.WRONG_REQUEST_ID) "invalid_request_id" else request.requestId
        val frames = if (authenticate(request)) {
            val status = when (behaviour) {
                Behaviour.STATUS_500 -> "500"
                Behaviour.STATUS_300 -> "300"
                Behaviour.STATUS_INVALID -> "invalid_status"
                else -> "200"
            }
            mutableListOf(version, id, status, "OK", userId).map { Frame.of(it) } + Frame.of(metadata)
        } else {
            listOf(version, id, "400", "Invalid credentials", "", "").map { Frame.of(it) }
        }
        val all = if (behaviour == Behaviour.TOO_MANY_PARTS) frames + Frame.EMPTY else frames
        return Message(all)
    }

    override fun close() {
        job.cancel()
        socket.close()
        requests.close()
    }

    companion object {
        const val ENDPOINT = "inproc://zeromq.zap.01"

        /** libzmq's test credentials: PLAIN testuser/testpass, NULL always. */
        const val USER = "testuser"
        const val PASSWORD = "testpass"

        fun libzmqTestCredentials(request: ZapRequest): Boolean = when (request.mechanism) {
            "NULL" -> true
            "PLAIN" -> request.credentialTexts == listOf(USER, PASSWORD)
            else -> false
        }
    }
}
