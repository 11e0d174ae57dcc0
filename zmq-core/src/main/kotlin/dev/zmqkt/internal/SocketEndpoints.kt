package dev.zmqkt.internal

import dev.zmqkt.EndpointNotFoundException
import dev.zmqkt.internal.session.ConnectSession
import dev.zmqkt.internal.transport.Endpoint
import dev.zmqkt.internal.transport.EndpointHandle
import dev.zmqkt.internal.transport.inproc.InprocConnection
import dev.zmqkt.internal.transport.inproc.InprocListener
import dev.zmqkt.internal.transport.ipc.IpcTransport
import dev.zmqkt.internal.transport.tcp.TcpTransport

/**
 * A socket's bound and connected endpoints: parses endpoint strings, hands them to their transport, and finds
 * them again for unbind and disconnect (by the text given or by the resolved endpoint).
 */
internal class SocketEndpoints(private val socket: SocketCore) {
    private class Entry(val texts: Set<String>, val handle: EndpointHandle, val isBind: Boolean)

    private val entries = ArrayList<Entry>()

    @Volatile
    var lastEndpoint: String? = null
        private set

    /** Binds [text]; returns the resolved endpoint (an ephemeral port filled in). */
    fun bind(text: String): String {
        socket.checkOpen()
        val handle: EndpointHandle = when (val endpoint = Endpoint.parse(text, forBind = true)) {
            is Endpoint.Tcp -> TcpTransport.bind(socket, endpoint).also { it.start() }
            is Endpoint.Ipc -> IpcTransport.bind(socket, endpoint).also { it.start() }
            is Endpoint.Inproc -> InprocListener(socket, endpoint.name).also { it.start() }
        }
        register(Entry(setOf(text, handle.endpoint), handle, isBind = true))
        lastEndpoint = handle.endpoint
        return handle.endpoint
    }

    /** Starts connecting to [text]; the connection is made (and remade) in the background. */
    fun connect(text: String) {
        socket.checkOpen()
        val endpoint = Endpoint.parse(text, forBind = false)
        if (endpoint is Endpoint.Inproc) {
            val connection = InprocConnection(socket, endpoint.name)
            register(Entry(setOf(text), connection, isBind = false))
            connection.start()
        } else {
            val dialer = when (endpoint) {
                is Endpoint.Tcp -> TcpTransport.dialer(socket, endpoint)
                is Endpoint.Ipc -> IpcTransport.dialer(socket, endpoint)
                is Endpoint.Inproc -> error("handled above")
            }
            val session = ConnectSession(socket, text, dialer)
            register(Entry(setOf(text), session, isBind = false))
            session.start()
        }
        lastEndpoint = text
    }

    fun unbind(text: String) = remove(text, isBind = true).close()

    fun disconnect(text: String) = remove(text, isBind = false).close()

    /** The socket is closing: every endpoint stops making connections. */
    fun closeAll() {
        val all = synchronized(entries) { entries.toList().also { entries.clear() } }
        for (e in all) e.handle.onSocketClose()
    }

    private fun register(entry: Entry) {
        synchronized(entries) {
            if (socket.isClosed) {
                entry.handle.onSocketClose()
                return
            }
            entries.add(entry)
        }
    }

    private fun remove(text: String, isBind: Boolean): EndpointHandle {
        socket.checkOpen()
        synchronized(entries) {
            val index = entries.indexOfFirst { it.isBind == isBind && text in it.texts }
            if (index < 0) {
                val verb = if (isBind) "bound" else "connected"
                throw EndpointNotFoundException("'$text' is not $verb on this ${socket.type.name} socket")
            }
            return entries.removeAt(index).handle
        }
    }
}
