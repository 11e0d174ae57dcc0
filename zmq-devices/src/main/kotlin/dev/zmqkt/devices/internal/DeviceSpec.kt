package dev.zmqkt.devices.internal

import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType

/** What a device runs between its sockets. */
internal enum class DeviceKind { PROXY, STEERABLE, MONITORED_QUEUE }

/** The sockets of a device, by pyzmq's names for them. */
internal enum class DeviceSide(val label: String) { IN("in"), OUT("out"), MON("mon"), CTRL("ctrl") }

/** How to make one socket of a device: its type, options (by libzmq name, in order), binds and connects. */
internal class SocketSpec(val type: SocketType) {
    val options = ArrayList<Pair<String, Any?>>()
    val binds = ArrayList<String>()
    val connects = ArrayList<String>()

    /** Records the option after checking that [name] is an option and [value] fits it. */
    fun addOption(name: String, value: Any?) {
        SocketOptions.defaults().setOption(name, value)
        options += name to value
    }
}

/**
 * Everything a device needs to run, wherever it runs: in this JVM, or in a process of its own (where it
 * travels as text, see [DeviceSpecCodec]). [sides] holds the sockets it makes, in the order pyzmq makes them;
 * without an OUT side the IN socket serves both (pyzmq's `out_type < 0`).
 */
internal class DeviceSpec(
    val kind: DeviceKind,
    val sides: Map<DeviceSide, SocketSpec>,
    val inPrefix: ByteArray = "in".toByteArray(),
    val outPrefix: ByteArray = "out".toByteArray(),
) {
    init {
        require(DeviceSide.IN in sides) { "a device needs an in socket" }
        if (kind == DeviceKind.MONITORED_QUEUE) require(DeviceSide.MON in sides) { "a monitored queue needs a mon socket" }
    }
}
