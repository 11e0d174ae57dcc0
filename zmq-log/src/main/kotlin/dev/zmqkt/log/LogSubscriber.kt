package dev.zmqkt.log

import dev.zmqkt.Context
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.ZmqException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow
import kotlinx.coroutines.future.future
import kotlinx.coroutines.GlobalScope
import kotlinx.coroutines.DelicateCoroutinesApi
import kotlinx.coroutines.Dispatchers
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * Reads log records published by pyzmq's `PUBHandler`, a [LogPublisher], the Logback appender or the
 * java.util.logging handler: a SUB socket whose messages are parsed into [LogEntry]s.
 *
 * ```kotlin
 * LogSubscriber.connect(ctx, "tcp://127.0.0.1:5555", listOf("app.ERROR", "app.CRITICAL")).use { logs ->
 *     logs.records().collect { println("${it.topic} | ${it.text.trim()}") }
 * }
 * ```
 *
 * Topic prefixes filter at the publisher, as any SUB subscription does: `"app.WARNING"` receives the WARNING
 * records of root topic `app` with every subtopic. Messages that are not `[topic, text]` are skipped.
 *
 * @param socket a SUB socket, subscribed and connected (or bound) by the caller, who also closes it.
 * @param rootTopic the publisher's root topic, when known; null to find the level in each topic (see
 *   [LogEntry.parse]).
 */
public class LogSubscriber(
    private val socket: Socket,
    private val rootTopic: String? = null,
) : AutoCloseable {
    private var closeSocket = false

    init {
        require(socket.type == SocketType.SUB || socket.type == SocketType.XSUB) { "a log subscriber reads a SUB socket, not ${socket.type}" }
    }

    /**
     * The records as they arrive, until the subscriber is closed (then the flow ends). Collect it once at a time.
     */
    public fun records(): Flow<LogEntry> = flow {
        while (true) {
            val entry = try {
                receive()
            } catch (e: ZmqException) {
                if (socket.isClosed || socket.context.isClosed) return@flow else throw e
            }
            emit(entry)
        }
    }

    /**
     * The next record, suspending until one arrives.
     *
     * @throws dev.zmqkt.SocketClosedException when the subscriber is closed.
     */
    @JvmSynthetic
    public suspend fun receive(): LogEntry {
        while (true) parseOrNull(socket.receive())?.let { return it }
    }

    /** The next record, waiting at most [timeout]; then raises [dev.zmqkt.AgainException]. */
    @JvmSynthetic
    public suspend fun receive(timeout: Duration): LogEntry {
        val deadline = System.nanoTime() + timeout.toNanos()
        while (true) {
            val left = Duration.ofNanos((deadline - System.nanoTime()).coerceAtLeast(0))
            parseOrNull(socket.receive(left))?.let { return it }
        }
    }

    /** The next record if one is waiting, without waiting; null otherwise. */
    public fun tryReceive(): LogEntry? {
        while (true) {
            val message = socket.tryReceive() ?: return null
            parseOrNull(message)?.let { return it }
        }
    }

    /** [receive], blocking the calling thread for at most [timeout]; then raises [dev.zmqkt.AgainException]. */
    @Throws(InterruptedException::class)
    public fun receiveBlocking(timeout: Duration): LogEntry {
        val deadline = System.nanoTime() + timeout.toNanos()
        while (true) {
            val left = Duration.ofNanos((deadline - System.nanoTime()).coerceAtLeast(0))
            parseOrNull(socket.receiveBlocking(left))?.let { return it }
        }
    }

    /** [receive] as a future, for Java. */
    @OptIn(DelicateCoroutinesApi::class)
    public fun receiveAsync(): CompletableFuture<LogEntry> = GlobalScope.future(Dispatchers.Unconfined) { receive() }

    private fun parseOrNull(message: dev.zmqkt.Message): LogEntry? = try {
        LogEntry.parse(message, rootTopic)
    } catch (_: IllegalArgumentException) {
        null
    }

    /** Closes the socket when this subscriber made it ([connect], [bind]); a socket given to it stays open. */
    override fun close() {
        if (closeSocket) socket.close()
    }

    public companion object {
        /**
         * A subscriber on a new SUB socket of [context], subscribed to [topicPrefixes] (every record by default)
         * and connected to [endpoint]; closing the subscriber closes the socket.
         */
        @JvmStatic
        @JvmOverloads
        public fun connect(
            context: Context,
            endpoint: String,
            topicPrefixes: List<String> = listOf(""),
            rootTopic: String? = null,
        ): LogSubscriber = open(context, topicPrefixes, rootTopic) { it.connect(endpoint) }

        /**
         * A subscriber on a new SUB socket of [context], subscribed to [topicPrefixes] and bound to [endpoint] (for
         * publishers that connect); [LogSubscriber.endpoint] tells the endpoint resolved.
         */
        @JvmStatic
        @JvmOverloads
        public fun bind(
            context: Context,
            endpoint: String,
            topicPrefixes: List<String> = listOf(""),
            rootTopic: String? = null,
        ): LogSubscriber = open(context, topicPrefixes, rootTopic) { it.bind(endpoint) }

        private fun open(context: Context, prefixes: List<String>, rootTopic: String?, attach: (Socket) -> Unit): LogSubscriber {
            val sub = context.socket(SocketType.SUB)
            try {
                prefixes.forEach { sub.subscribe(it) }
                attach(sub)
            } catch (e: Exception) {
                sub.close()
                throw e
            }
            return LogSubscriber(sub, rootTopic).apply { closeSocket = true }
        }
    }

    /** The endpoint the socket last bound or connected, resolved. */
    public val endpoint: String? get() = socket.lastEndpoint
}
