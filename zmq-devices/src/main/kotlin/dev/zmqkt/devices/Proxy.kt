package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.DeviceKind

/**
 * A device that runs [proxy] between its in and out sockets with its monitor socket as the capture socket
 * (pyzmq's `Proxy`, `ThreadProxy`, `ProcessProxy`): the monitor socket gets a copy of every message moved, either
 * way. A PUB monitor socket ([monType]'s default) never slows the proxy down; a PUSH or PAIR one applies
 * backpressure like the out socket. See [AbstractDevice] for configuring, starting and stopping it.
 *
 * ```kotlin
 * val broker = Proxy(SocketType.ROUTER, SocketType.DEALER)
 *     .bindIn("tcp://0.0.0.0:5559")
 *     .bindOut("tcp://0.0.0.0:5560")
 *     .bindMon("tcp://0.0.0.0:5561")     // SUB here to watch the traffic
 *     .startThread()
 * ```
 */
public class Proxy @JvmOverloads constructor(
    inType: SocketType,
    outType: SocketType?,
    monType: SocketType = SocketType.PUB,
    context: Context? = null,
) : AbstractProxy<Proxy>(DeviceKind.PROXY, inType, outType, monType, context)
