package dev.zmqkt.internal.transport.ipc

import dev.zmqkt.AddressInUseException
import dev.zmqkt.InvalidEndpointException
import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.session.SessionOwner
import dev.zmqkt.internal.transport.Dialer
import dev.zmqkt.internal.transport.Endpoint
import dev.zmqkt.internal.transport.StreamListener
import dev.zmqkt.internal.transport.applyBufferSizes
import dev.zmqkt.internal.transport.dial
import java.io.IOException
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel
import java.nio.file.Files
import java.nio.file.Path
import java.util.UUID

/**
 * `ipc://path` endpoints: ZMTP over Unix domain sockets. Binding removes a stale socket file left by a process
 * that died (one nobody accepts on), refuses a live one, and deletes the file again on unbind or close.
 * The path `*` binds a fresh file in the temporary directory.
 */
internal object IpcTransport {
    fun bind(socket: SessionOwner, endpoint: Endpoint.Ipc): StreamListener {
        val path = if (endpoint.path == "*") {
            Path.of(System.getProperty("java.io.tmpdir"), "zmq-kt-${UUID.randomUUID()}.ipc")
        } else {
            Path.of(endpoint.path)
        }
        if (Files.exists(path)) {
            if (isLive(path)) {
                socket.events.emit(SocketEventType.BIND_FAILED, endpoint.text, 0, "in use")
                throw AddressInUseException("cannot bind '${endpoint.text}': another socket listens there")
            }
            Files.deleteIfExists(path) // left by a process that died
        }
        val server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)
        try {
            server.configureBlocking(false)
            server.bind(UnixDomainSocketAddress.of(path), socket.options.backlog)
        } catch (e: IOException) {
            server.close()
            socket.events.emit(SocketEventType.BIND_FAILED, endpoint.text, 0, e.message)
            throw InvalidEndpointException("cannot bind '${endpoint.text}': ${e.message}", e)
        }
        val options = socket.options
        return StreamListener(
            socket, server, "ipc://$path",
            configure = { it.applyBufferSizes(options) },
            onClosed = { Files.deleteIfExists(path) },
        )
    }

    fun dialer(socket: SessionOwner, endpoint: Endpoint.Ipc): Dialer = Dialer { onDelayed ->
        SocketChannel.open(StandardProtocolFamily.UNIX).dial(
            socket.selectorManager, endpoint.text, onDelayed,
            configure = { it.applyBufferSizes(socket.options) },
            address = { UnixDomainSocketAddress.of(endpoint.path) },
        )
    }

    /** Whether some process accepts connections on the socket file at [path]. */
    private fun isLive(path: Path): Boolean =
        try {
            SocketChannel.open(UnixDomainSocketAddress.of(path)).close()
            true
        } catch (e: IOException) {
            false
        }
}
