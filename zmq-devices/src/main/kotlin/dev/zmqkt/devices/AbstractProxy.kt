package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.DeviceKind
import dev.zmqkt.devices.internal.DeviceSide
import dev.zmqkt.devices.internal.SocketSpec

/**
 * A device with a third socket, the monitor ("mon") socket, that sees the traffic (pyzmq's `ProxyBase`): what
 * [Proxy], [ProxySteerable] and [MonitoredQueue] share. The monitor socket is configured like the in and out
 * sockets, with the `Mon` setters.
 */
public abstract class AbstractProxy<D : AbstractProxy<D>> internal constructor(
    kind: DeviceKind,
    inType: SocketType,
    outType: SocketType?,
    monType: SocketType,
    context: Context?,
) : AbstractDevice<D>(kind, inType, outType, context) {
    init {
        sides[DeviceSide.MON] = SocketSpec(monType)
    }

    /** Binds the monitor socket to [endpoint] when the device starts. */
    public fun bindMon(endpoint: String): D = configure(DeviceSide.MON) { binds += endpoint }

    /** Connects the monitor socket to [endpoint] when the device starts. */
    public fun connectMon(endpoint: String): D = configure(DeviceSide.MON) { connects += endpoint }

    /** Sets the monitor socket's option [name] to [value] when the device starts; see [setOptionIn]. */
    public fun setOptionMon(name: String, value: Any?): D = configure(DeviceSide.MON) { addOption(name, value) }

    /** [bindInToRandomPort] for the monitor socket. */
    @JvmOverloads
    public fun bindMonToRandomPort(address: String, minPort: Int = 49152, maxPort: Int = 65536, maxTries: Int = 100): Int =
        bindToRandomPort(DeviceSide.MON, address, minPort, maxPort, maxTries)

    /** The endpoints the monitor socket bound, resolved; empty before the device started. */
    public val boundMon: List<String> get() = bound(DeviceSide.MON)
}
