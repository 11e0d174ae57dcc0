package dev.zmqkt.devices

/**
 * A device started with `startProcess` failed in its process: it could not make its sockets (the message says
 * why, as the child reported it), or it ended with an error or an exit code other than 0.
 */
public class DeviceProcessException(
    message: String,
    /** The process's exit code, or null while it was still running (a failure reported at start-up). */
    public val exitCode: Int?,
) : RuntimeException(message)
