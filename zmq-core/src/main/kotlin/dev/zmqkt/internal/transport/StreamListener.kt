package dev.zmqkt.internal.transport

import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.io.NioSelectable
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.session.AcceptedSession
import dev.zmqkt.internal.session.SessionOwner
import io.ktor.network.selector.SelectInterest
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.io.IOException
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel

/**
 * Accepts connections on a bound stream channel (tcp or ipc) and runs an [AcceptedSession] for each.
 *
 * The accepted sessions belong to the listener (as in libzmq): unbinding ends them; closing the socket only
 * stops accepting and lets them finish delivering (linger).
 */
internal class StreamListener(
    private val socket: SessionOwner,
    private val server: ServerSocketChannel,
    override val endpoint: String,
    private val configure: (SocketChannel) -> Unit,
    private val onClosed: () -> Unit = {},
) : EndpointHandle {
    private val selectable = NioSelectable(server, socket.selectorManager)
    private val job = SupervisorJob(socket.job)
    private val scope = CoroutineScope(socket.scope.coroutineContext + job)

    fun start() {
        socket.events.emit(SocketEventType.LISTENING, endpoint, 0)
        scope.launch { acceptLoop() }
    }

    private suspend fun acceptLoop() {
        try {
            while (true) {
                val channel = try {
                    server.accept()
                } catch (e: IOException) {
                    if (!server.isOpen) return
                    socket.events.emit(SocketEventType.ACCEPT_FAILED, endpoint, 0, e.toString())
                    // DEBUG: the monitor reports it (ACCEPT_FAILED), and running out of descriptors would repeat it
                    log.debug("accept on {} failed: {}", endpoint, e.toString())
                    null
                }
                if (channel == null) {
                    selectable.await(SelectInterest.ACCEPT)
                    continue
                }
                val connection = try {
                    channel.configureBlocking(false)
                    configure(channel)
                    StreamConnection(channel, NioSelectable(channel, socket.selectorManager), describe(channel))
                } catch (e: IOException) {
                    socket.events.emit(SocketEventType.ACCEPT_FAILED, endpoint, 0, e.toString())
                    channel.close()
                    continue
                }
                val id = socket.nextConnectionId()
                socket.events.emit(SocketEventType.ACCEPTED, endpoint, id)
                scope.launch { AcceptedSession(socket, endpoint, connection, id).run() }
            }
        } catch (e: IOException) {
            // The server channel was closed: the listener is done accepting.
        } finally {
            job.complete()
        }
    }

    private fun describe(channel: SocketChannel): String =
        try {
            channel.remoteAddress?.toString() ?: "unknown peer"
        } catch (e: IOException) {
            "unknown peer"
        }

    private fun stopAccepting() {
        if (selectable.isClosed) return
        selectable.closeAndAwaitRelease(timeoutMillis = 1000)
        onClosed()
        socket.events.emit(SocketEventType.CLOSED, endpoint, 0)
    }

    override fun close() {
        stopAccepting()
        job.cancel()
    }

    override fun onSocketClose() = stopAccepting()

    private companion object {
        val log = LoggerFactory.getLogger(StreamListener::class.java)
    }
}
