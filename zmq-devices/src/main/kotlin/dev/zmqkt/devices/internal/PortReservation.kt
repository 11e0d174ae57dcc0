package dev.zmqkt.devices.internal

import dev.zmqkt.AddressInUseException
import java.io.IOException
import java.net.InetAddress
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.util.concurrent.ThreadLocalRandom

/**
 * Picks a free tcp port of [address] (a `tcp://host` without a port) in [minPort] (inclusive) to [maxPort]
 * (exclusive) for a device that binds later, as pyzmq's `bind_*_to_random_port` does: it binds a plain socket to
 * a random port, and closes it. Ports in [taken] (already promised to another socket of the device) are skipped.
 * Another program may take the port before the device binds it; the device's start then fails with
 * [AddressInUseException].
 */
internal fun reservePort(address: String, minPort: Int, maxPort: Int, maxTries: Int, taken: Set<Int>): Int {
    val hostPart = address.removePrefix("tcp://")
    val withoutPort = hostPart.isNotEmpty() && (hostPart.startsWith("[") && hostPart.endsWith("]") || ':' !in hostPart)
    require(address.startsWith("tcp://") && withoutPort) {
        "expected a tcp:// address without a port, such as tcp://127.0.0.1, got $address"
    }
    require(minPort in 1..<maxPort && maxPort <= 65536) { "port range $minPort..<$maxPort is empty or out of range" }
    require(maxTries > 0) { "maxTries must be positive, got $maxTries" }
    val host = hostPart.removePrefix("[").removeSuffix("]")
    val inet = if (host == "*") null else InetAddress.getByName(host)
    repeat(maxTries) {
        val port = ThreadLocalRandom.current().nextInt(minPort, maxPort)
        if (port in taken) return@repeat
        try {
            ServerSocket().use { it.bind(if (inet == null) InetSocketAddress(port) else InetSocketAddress(inet, port)) }
            return port
        } catch (_: IOException) {
            // In use: try another.
        }
    }
    throw AddressInUseException("Could not bind socket to random port.")
}
