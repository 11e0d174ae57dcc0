package dev.zmqkt.devices.internal

import dev.zmqkt.Context
import dev.zmqkt.Socket
import dev.zmqkt.devices.monitoredQueue
import dev.zmqkt.devices.proxy
import dev.zmqkt.devices.proxySteerable
import java.time.Duration

/**
 * The sockets of a running device, made from a [DeviceSpec], and the endpoints each side bound (resolved: a
 * `tcp://host:*` shows the port chosen).
 */
internal class DeviceSockets private constructor(
    private val spec: DeviceSpec,
    private val sockets: Map<DeviceSide, Socket>,
    val bound: Map<DeviceSide, List<String>>,
) {
    private fun socket(side: DeviceSide): Socket? = sockets[side]

    /** Runs the device until it ends: TERMINATE returns; cancellation and closed sockets throw. */
    suspend fun run() {
        val inSocket = socket(DeviceSide.IN)!!
        val outSocket = socket(DeviceSide.OUT) ?: inSocket
        val mon = socket(DeviceSide.MON)
        when (spec.kind) {
            DeviceKind.PROXY -> proxy(inSocket, outSocket, mon)
            DeviceKind.STEERABLE -> proxySteerable(inSocket, outSocket, mon, socket(DeviceSide.CTRL))
            DeviceKind.MONITORED_QUEUE -> monitoredQueue(inSocket, outSocket, mon!!, spec.inPrefix, spec.outPrefix)
        }
    }

    /** Closes every socket, with [linger] instead of their own when given; returns at once. */
    fun close(linger: Duration?) {
        for (s in sockets.values) if (linger == null) s.close() else s.close(linger)
    }

    companion object {
        /**
         * Makes the sockets of [spec] in [context], as pyzmq's devices do: the in and out sockets, their options,
         * their binds, their connects; then each further side (mon, ctrl) the same way. When anything fails, the
         * sockets made so far are closed at once and the error is thrown.
         */
        fun open(spec: DeviceSpec, context: Context): DeviceSockets {
            val sockets = LinkedHashMap<DeviceSide, Socket>()
            val bound = LinkedHashMap<DeviceSide, MutableList<String>>()
            try {
                fun make(group: List<DeviceSide>) {
                    val present = group.filter { it in spec.sides }
                    for (side in present) sockets[side] = context.socket(spec.sides.getValue(side).type)
                    for (side in present) for ((name, value) in spec.sides.getValue(side).options) sockets.getValue(side).setOption(name, value)
                    for (side in present) {
                        val list = bound.getOrPut(side) { ArrayList() }
                        for (endpoint in spec.sides.getValue(side).binds) list += sockets.getValue(side).bind(endpoint)
                    }
                    for (side in present) for (endpoint in spec.sides.getValue(side).connects) sockets.getValue(side).connect(endpoint)
                }
                make(listOf(DeviceSide.IN, DeviceSide.OUT))
                make(listOf(DeviceSide.MON))
                make(listOf(DeviceSide.CTRL))
            } catch (e: Throwable) {
                for (s in sockets.values) s.close(Duration.ZERO)
                throw e
            }
            return DeviceSockets(spec, sockets, bound)
        }
    }
}
