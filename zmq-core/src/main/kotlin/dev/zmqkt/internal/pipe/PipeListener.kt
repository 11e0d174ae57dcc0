package dev.zmqkt.internal.pipe

/**
 * Told when a [Pipe] changes state for one side: the reading side hears "readable" (messages arrived or the
 * writer closed), the writing side hears "writable" (space opened below the HWM or the reader closed).
 * Called on the thread that caused the change, outside the pipe's lock; it must be quick and must not block.
 */
internal fun interface PipeListener {
    fun onPipeEvent(pipe: Pipe)
}
