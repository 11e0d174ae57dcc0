package dev.zmqkt.internal.io

import java.io.IOException
import java.net.Inet6Address
import java.net.InetSocketAddress
import java.nio.channels.SocketChannel

/** The peer address libzmq puts in ZAP requests and `Peer-Address` (`getnameinfo` with NI_NUMERICHOST). */
internal object PeerAddresses {
    /** The numeric IP of a tcp peer (IPv6 in its compressed form, as `::1`); empty for ipc or when unknown. */
    fun of(channel: SocketChannel): String {
        val remote = try {
            channel.remoteAddress
        } catch (_: IOException) {
            null
        }
        val address = (remote as? InetSocketAddress)?.address ?: return ""
        return if (address is Inet6Address) compress(address) else address.hostAddress
    }

    /** RFC 5952 text: lower-case hex, the longest run of two or more zero groups as `::`, the scope kept. */
    private fun compress(address: Inet6Address): String {
        val bytes = address.address
        val groups = IntArray(8) { ((bytes[2 * it].toInt() and 0xFF) shl 8) or (bytes[2 * it + 1].toInt() and 0xFF) }
        var bestStart = -1
        var bestLength = 0
        var i = 0
        while (i < 8) {
            if (groups[i] != 0) { i++; continue }
            var j = i
            while (j < 8 && groups[j] == 0) j++
            if (j - i > bestLength && j - i >= 2) { bestStart = i; bestLength = j - i }
            i = j
        }
        val text = StringBuilder()
        var g = 0
        while (g < 8) {
            if (g == bestStart) {
                text.append("::")
                g += bestLength
                continue
            }
            if (text.isNotEmpty() && !text.endsWith(":")) text.append(':')
            text.append(Integer.toHexString(groups[g]))
            g++
        }
        val scope = address.scopedInterface?.name ?: address.scopeId.takeIf { it != 0 }?.toString()
        if (scope != null) text.append('%').append(scope)
        return text.toString()
    }
}
