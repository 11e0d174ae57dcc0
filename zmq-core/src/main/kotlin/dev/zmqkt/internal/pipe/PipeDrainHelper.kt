package dev.zmqkt.internal.pipe

/**
 * Lets a pipe's writer, finding the pipe at its high-water mark, have the reading side take messages out at once
 * instead of waiting for the reader's own thread to run (an engine writing to its connection from the sender's
 * thread). Called on the writer's thread, with the writer's locks held; it must not block or suspend.
 */
internal fun interface PipeDrainHelper {
    fun drain()
}
