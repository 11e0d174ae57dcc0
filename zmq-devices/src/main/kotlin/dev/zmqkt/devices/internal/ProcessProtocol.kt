package dev.zmqkt.devices.internal

/*
 * What a device's own process and its parent say to each other, one line each.
 *
 * Parent to child (standard input): the device as DeviceSpecCodec lines, then START. Later STOP followed by a
 * space and the linger (ISO-8601, or "-" for the sockets' own); end of input means the same as "STOP -", so a
 * device does not outlive its parent.
 *
 * Child to parent (standard output): BOUND <side> <endpoint> for each endpoint bound, then READY; or FAILED
 * <reason> when the sockets could not be made. When the device ends: ENDED, or FAILED <reason>.
 */
internal object ProcessProtocol {
    const val START = "start"
    const val STOP = "stop"
    const val NO_LINGER = "-"
    const val BOUND = "bound"
    const val READY = "ready"
    const val ENDED = "ended"
    const val FAILED = "failed"

    /** [error] as one line: its class and message, line breaks folded. */
    fun describe(error: Throwable): String =
        "${error::class.java.name}: ${error.message ?: ""}".replace('\n', ' ').replace('\r', ' ')
}
