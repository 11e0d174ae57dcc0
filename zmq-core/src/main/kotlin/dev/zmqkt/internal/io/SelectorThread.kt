package dev.zmqkt.internal.io

/** The thread a context's selector runs on (engines read on it); a daemon, named after its context. */
internal class SelectorThread(target: Runnable, name: String) : Thread(target, name) {
    init {
        isDaemon = true
    }
}
