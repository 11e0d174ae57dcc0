package dev.zmqkt.internal.io

/**
 * The thread a context's selector runs on. Engines read on it, so code that is woken by incoming messages can
 * ask whether it is on it (see the future adapters), knowing that no socket lock is held there.
 */
internal class SelectorThread(target: Runnable, name: String) : Thread(target, name) {
    init {
        isDaemon = true
    }

    companion object {
        /** True on a selector thread. */
        val isCurrent: Boolean get() = currentThread() is SelectorThread
    }
}
