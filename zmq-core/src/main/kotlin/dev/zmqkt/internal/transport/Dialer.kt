package dev.zmqkt.internal.transport

import dev.zmqkt.internal.io.StreamConnection

/** Opens one outgoing stream connection per call (tcp or ipc); a failed attempt raises an IOException. */
internal fun interface Dialer {
    /** Connects; [onDelayed] is called when the connection does not complete at once. */
    suspend fun dial(onDelayed: () -> Unit): StreamConnection
}
