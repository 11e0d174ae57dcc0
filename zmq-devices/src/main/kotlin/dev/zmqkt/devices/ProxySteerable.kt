package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.DeviceKind
import dev.zmqkt.devices.internal.DeviceSide
import dev.zmqkt.devices.internal.SocketSpec

/**
 * A device that runs [proxySteerable] (pyzmq's `ProxySteerable`, `ThreadProxySteerable`,
 * `ProcessProxySteerable`): a [Proxy] with a fourth, control ("ctrl") socket of [ctrlType] (PAIR, SUB or REP)
 * that takes the commands PAUSE, RESUME, TERMINATE and STATISTICS ([ProxyCommand]). TERMINATE ends the device
 * normally. See [AbstractDevice] for configuring, starting and stopping it.
 *
 * ```kotlin
 * val proxy = ProxySteerable(SocketType.PULL, SocketType.PUSH, SocketType.PUB, SocketType.REP)
 *     .bindIn("tcp://127.0.0.1:*").bindOut("tcp://127.0.0.1:*").bindCtrl("tcp://127.0.0.1:*")
 *     .startThread()
 * val control = ctx.socket(SocketType.REQ).apply { connect(proxy.boundCtrl[0]) }
 * control.send(ProxyCommand.STATISTICS.toMessage())
 * println(ProxyStatistics.fromMessage(control.receive()))
 * ```
 */
public class ProxySteerable @JvmOverloads constructor(
    inType: SocketType,
    outType: SocketType?,
    monType: SocketType = SocketType.PUB,
    ctrlType: SocketType = SocketType.PAIR,
    context: Context? = null,
) : AbstractProxy<ProxySteerable>(DeviceKind.STEERABLE, inType, outType, monType, context) {
    init {
        sides[DeviceSide.CTRL] = SocketSpec(ctrlType)
    }

    /** Binds the control socket to [endpoint] when the device starts. */
    public fun bindCtrl(endpoint: String): ProxySteerable = configure(DeviceSide.CTRL) { binds += endpoint }

    /** Connects the control socket to [endpoint] when the device starts. */
    public fun connectCtrl(endpoint: String): ProxySteerable = configure(DeviceSide.CTRL) { connects += endpoint }

    /** Sets the control socket's option [name] to [value] when the device starts; see [setOptionIn]. */
    public fun setOptionCtrl(name: String, value: Any?): ProxySteerable = configure(DeviceSide.CTRL) { addOption(name, value) }

    /** [bindInToRandomPort] for the control socket. */
    @JvmOverloads
    public fun bindCtrlToRandomPort(address: String, minPort: Int = 49152, maxPort: Int = 65536, maxTries: Int = 100): Int =
        bindToRandomPort(DeviceSide.CTRL, address, minPort, maxPort, maxTries)

    /** The endpoints the control socket bound, resolved; empty before the device started. */
    public val boundCtrl: List<String> get() = bound(DeviceSide.CTRL)
}
