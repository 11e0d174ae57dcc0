package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.DeviceKind
import dev.zmqkt.devices.internal.DeviceSpec

/**
 * A device that runs [monitoredQueue] (pyzmq's `MonitoredQueue`, `ThreadMonitoredQueue`,
 * `ProcessMonitoredQueue`): like [Proxy], but each copy on the monitor socket starts with a frame saying where
 * the message came from ([inPrefix] or [outPrefix]), and ROUTER in and out sockets work, the routing ids swapped
 * as pyzmq does. See [AbstractDevice] for configuring, starting and stopping it.
 *
 * ```kotlin
 * val queue = MonitoredQueue(SocketType.ROUTER, SocketType.ROUTER)
 *     .bindIn("tcp://127.0.0.1:*").bindOut("tcp://127.0.0.1:*").bindMon("tcp://127.0.0.1:*")
 *     .startThread()
 * ```
 */
public class MonitoredQueue @JvmOverloads constructor(
    inType: SocketType,
    outType: SocketType,
    monType: SocketType = SocketType.PUB,
    inPrefix: ByteArray = "in".toByteArray(),
    outPrefix: ByteArray = "out".toByteArray(),
    context: Context? = null,
) : AbstractProxy<MonitoredQueue>(DeviceKind.MONITORED_QUEUE, inType, outType, monType, context) {
    private val inPrefix = inPrefix.copyOf()
    private val outPrefix = outPrefix.copyOf()

    internal override fun spec(): DeviceSpec = DeviceSpec(DeviceKind.MONITORED_QUEUE, copySides(), inPrefix, outPrefix)
}
