package dev.zmqkt.internal.engine

import dev.zmqkt.Message

/**
 * A connection's line to its context's ZAP handler (the socket bound at `inproc://zeromq.zap.01`), for one
 * request and its reply. Made by the session ([EngineHost.openZap]); closed by the engine when done.
 */
internal interface ZapChannel {
    /** Sends the request; false when the handler has gone. */
    fun send(request: Message): Boolean

    /** Suspends until the reply comes; null when the handler went away without replying. */
    suspend fun receive(): Message?

    /** Lets go of the line (the handler drops anything it still holds for it). Idempotent. */
    fun close()
}
