package dev.zmqkt.devices.internal

import java.time.Duration

/** Where a started device runs, and how to ask it to stop. */
internal interface DeviceLaunch {
    /**
     * Asks the device to stop; its sockets then close with [linger] when given, else with their own. Returns at
     * once; the device's end is signalled separately.
     */
    fun requestStop(linger: Duration?)

    /** Whether `close()` may block until the device ended (false for a coroutine, which needs its scope's threads). */
    val closeWaits: Boolean
}
