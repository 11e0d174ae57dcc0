package dev.zmqkt.internal.transport.tcp

import dev.zmqkt.AddressInUseException
import dev.zmqkt.InvalidEndpointException
import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.session.SessionOwner
import dev.zmqkt.internal.transport.Dialer
import dev.zmqkt.internal.transport.Endpoint
import dev.zmqkt.internal.transport.StreamListener
import dev.zmqkt.internal.transport.dial
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.IOException
import java.net.BindException
import java.net.Inet4Address
import java.net.Inet6Address
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.StandardProtocolFamily
import java.net.StandardSocketOptions
import java.net.UnknownHostException
import java.nio.channels.ServerSocketChannel
import java.nio.channels.SocketChannel

/** `tcp://` endpoints: binding a listener, and dialing out. */
internal object TcpTransport {
    fun bind(socket: SessionOwner, endpoint: Endpoint.Tcp): StreamListener {
        val options = socket.options
        val address = if (endpoint.isWildcardHost) {
            if (options.ipv6) InetAddress.getByName("::") else InetAddress.getByName("0.0.0.0")
        } else {
            try {
                resolve(endpoint.host, options.ipv6).first()
            } catch (e: UnknownHostException) {
                throw InvalidEndpointException("cannot bind '${endpoint.text}': unknown host ${endpoint.host}", e)
            }
        }
        val family = if (address is Inet6Address) StandardProtocolFamily.INET6 else StandardProtocolFamily.INET
        val server = ServerSocketChannel.open(family)
        try {
            server.configureBlocking(false)
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true)
            server.bind(InetSocketAddress(address, endpoint.port), options.backlog)
        } catch (e: BindException) {
            server.close()
            socket.events.emit(SocketEventType.BIND_FAILED, endpoint.text, 0, e.message)
            if (e.message?.contains("in use", ignoreCase = true) == true) {
                throw AddressInUseException("cannot bind '${endpoint.text}': address already in use", e)
            }
            throw InvalidEndpointException("cannot bind '${endpoint.text}': ${e.message}", e)
        } catch (e: IOException) {
            server.close()
            socket.events.emit(SocketEventType.BIND_FAILED, endpoint.text, 0, e.message)
            throw InvalidEndpointException("cannot bind '${endpoint.text}': ${e.message}", e)
        }
        val bound = server.localAddress as InetSocketAddress
        val resolved = "tcp://${format(bound.address)}:${bound.port}"
        return StreamListener(socket, server, resolved, configure = { it.applyTcpOptions(options) })
    }

    fun dialer(socket: SessionOwner, endpoint: Endpoint.Tcp): Dialer = Dialer { onDelayed ->
        val options = socket.options
        val address = withContext(Dispatchers.IO) { resolve(endpoint.host, options.ipv6).first() }
        val family = if (address is Inet6Address) StandardProtocolFamily.INET6 else StandardProtocolFamily.INET
        SocketChannel.open(family).dial(
            socket.selectorManager, endpoint.text, onDelayed,
            configure = { it.applyTcpOptions(options) },
            address = { InetSocketAddress(address, endpoint.port) },
        )
    }

    /** The addresses for [host]: IPv4 first unless [ipv6], where any family is fine. Literal IPv6 always works. */
    private fun resolve(host: String, ipv6: Boolean): List<InetAddress> {
        val all = InetAddress.getAllByName(host).toList()
        if (ipv6) return all
        val v4 = all.filterIsInstance<Inet4Address>()
        return v4.ifEmpty { all }
    }

    private fun format(address: InetAddress): String =
        if (address is Inet6Address) "[${compressIpv6(address.address)}]" else address.hostAddress

    /** The short text form of an IPv6 address (RFC 5952): the longest run of zero groups becomes `::`. */
    private fun compressIpv6(bytes: ByteArray): String {
        val groups = IntArray(8) { ((bytes[2 * it].toInt() and 0xFF) shl 8) or (bytes[2 * it + 1].toInt() and 0xFF) }
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while (i < 8) {
            if (groups[i] != 0) { i++; continue }
            var j = i
            while (j < 8 && groups[j] == 0) j++
            if (j - i > bestLength) { bestStart = i; bestLength = j - i }
            i = j
        }
        if (bestStart < 0) return groups.joinToString(":") { it.toString(16) }
        val head = groups.take(bestStart).joinToString(":") { it.toString(16) }
        val tail = groups.drop(bestStart + bestLength).joinToString(":") { it.toString(16) }
        return "$head::$tail"
    }
}
