package dev.zmqkt.internal

import dev.zmqkt.AddressInUseException
import java.util.concurrent.ThreadLocalRandom

/**
 * pyzmq's `bind_to_random_port`: binds `address:port` for random ports in [minPort, maxPort) until one is free,
 * at most [maxTries] times. Only "address in use" moves on to another port; any other failure is raised at once.
 */
internal fun bindToRandomPort(endpoints: SocketEndpoints, address: String, minPort: Int, maxPort: Int, maxTries: Int): Int {
    require(address.startsWith("tcp://")) { "bindToRandomPort takes a tcp:// address, got '$address'" }
    val host = address.removePrefix("tcp://")
    val withoutPort = if (host.startsWith("[")) host.endsWith("]") else ':' !in host
    require(host.isNotEmpty() && withoutPort) {
        "bindToRandomPort takes an address without a port, such as tcp://127.0.0.1, got '$address'"
    }
    require(minPort in 1..65535) { "minPort must be 1 to 65535, got $minPort" }
    require(maxPort in minPort + 1..65536) { "maxPort must be above minPort ($minPort) and at most 65536, got $maxPort" }
    require(maxTries >= 1) { "maxTries must be at least 1, got $maxTries" }
    var last: AddressInUseException? = null
    repeat(maxTries) {
        val port = ThreadLocalRandom.current().nextInt(minPort, maxPort)
        try {
            endpoints.bind("$address:$port")
            return port
        } catch (e: AddressInUseException) {
            last = e
        }
    }
    throw AddressInUseException(
        "Could not bind socket to random port. ($maxTries tries in $minPort..${maxPort - 1} of $address)",
        last,
    )
}
