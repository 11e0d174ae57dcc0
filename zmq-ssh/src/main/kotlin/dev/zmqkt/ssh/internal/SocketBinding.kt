package dev.zmqkt.ssh.internal

import dev.zmqkt.Socket
import dev.zmqkt.SocketEventType
import dev.zmqkt.ZmqException
import dev.zmqkt.ssh.Tunnel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.firstOrNull
import kotlinx.coroutines.launch
import java.time.Duration

/**
 * Ties a [tunnel] to the [socket] connected through it: the socket is connected to the tunnel's local endpoint
 * (and moved when a reconnection binds another port), and the tunnel is closed once the socket is closed or
 * disconnected from that endpoint, after the socket's linger time (at most [grace]) so that queued messages
 * can still go out. Closing the tunnel first disconnects the socket from it.
 */
internal class SocketBinding(private val socket: Socket, private val tunnel: Tunnel, private val grace: Duration) {
    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    @Volatile
    private var endpoint: String = tunnel.localEndpoint

    /** Connects the socket and starts watching it. */
    fun start(onEndpointChanged: ((String, String) -> Unit) -> Unit, onClosed: (() -> Unit) -> Unit) {
        val linger = socket.linger
        // watch from before the connect, so that no event is missed
        val ended = socket.monitor(SocketEventType.CLOSED, SocketEventType.MONITOR_STOPPED)
        socket.connect(endpoint)
        scope.launch(start = CoroutineStart.UNDISPATCHED) {
            ended.firstOrNull { it.type == SocketEventType.MONITOR_STOPPED || it.endpoint == endpoint }
            val wait = if (linger == null || linger > grace) grace else linger
            delay(wait.toMillis())
            tunnel.close()
        }
        onEndpointChanged { old, new ->
            endpoint = new
            quietly { socket.connect(new) }
            quietly { socket.disconnect(old) }
        }
        onClosed {
            scope.cancel()
            if (!socket.isClosed) quietly { socket.disconnect(endpoint) }
        }
    }

    private inline fun quietly(block: () -> Unit) {
        try {
            block()
        } catch (_: ZmqException) {
            // the socket was closed or no longer has the endpoint
        }
    }
}
