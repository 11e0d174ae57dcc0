package dev.zmqkt.log

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.ZmqException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.delay
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.time.Duration
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.LongAdder

/**
 * Publishes log records on a ZeroMQ socket as pyzmq's `PUBHandler` does: each record is a message of two frames,
 * the topic `rootTopic.LEVEL[.subtopic]` and the text, both UTF-8. Subscribers filter on topic prefixes
 * (`app.ERROR`, `app.WARNING.db`). The Logback appender ([dev.zmqkt.log.logback.ZmqAppender]) and the
 * java.util.logging handler ([dev.zmqkt.log.jul.ZmqLogHandler]) publish through one; code can use it directly:
 *
 * ```kotlin
 * LogPublisher.builder().bind("tcp://127.0.0.1:5555").rootTopic("app").build().use { log ->
 *     log.publish(LogLevel.INFO, "started")              // topic app.INFO
 *     log.publish(LogLevel.WARNING, "db", "slow query")  // topic app.WARNING.db
 * }
 * ```
 *
 * ### Never waits
 * [publish] never blocks the caller: it hands the record to the socket with [Socket.trySend]. A socket the
 * publisher makes itself is an XPUB in no-drop mode (`xpubNoDrop`), so that a subscriber whose queue is at its
 * high-water mark makes the send fail instead of silently losing the record: the record is then dropped (for
 * every subscriber, as libzmq's no-drop mode does) and counted in [droppedCount]. The count is reported through
 * the [DropReporter] at most once per interval (a minute by default; the default reporter writes a warning to the
 * SLF4J logger `dev.zmqkt.log.LogPublisher`, which the appender and handler never publish). With no subscriber
 * at all, records go nowhere and are not counted, as with any PUB socket.
 *
 * ### Closing
 * [close] closes a socket the publisher made, giving the records still queued up to the linger time (one second
 * by default) to reach subscribers. A socket given with [Builder.socket] stays open: it is the caller's.
 *
 * ### Concurrency
 * [publish] may be called from any number of threads at once.
 */
public class LogPublisher private constructor(
    private val socket: Socket,
    private val ownedContext: Context?,
    /** The first part of every topic (pyzmq's `root_topic`); empty for none. */
    public val rootTopic: String,
    dropReportInterval: Duration,
    dropReporter: DropReporter,
    /** The endpoints bound, resolved (an ephemeral port filled in), in the order given. */
    public val boundEndpoints: List<String>,
) : AutoCloseable {
    private val drops = DropCounter(dropReportInterval.toNanos(), dropReporter)
    private val published = LongAdder()
    private val closed = AtomicBoolean()
    private val prefixes: Array<ByteArray> =
        Array(LogLevel.entries.size) { LogTopics.prefix(rootTopic, LogLevel.entries[it].topicName).toByteArray() }
    private val background = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    init {
        background.launch {
            // Drop reports also go out when no further record is dropped after the interval.
            val tick = (dropReportInterval.toMillis() / 6).coerceAtLeast(1)
            while (isActive) {
                delay(tick)
                drops.reportIfDue()
            }
        }
        if (ownedContext != null) {
            background.launch {
                // The XPUB hands subscriptions to its user: read them so that they do not pile up.
                try {
                    while (isActive) socket.receive()
                } catch (_: ZmqException) {
                    // closed
                }
            }
        }
    }

    /** Records not published: refused at a subscriber's high-water mark, or published after [close]. */
    public val droppedCount: Long get() = drops.total

    /** Records handed to the socket. */
    public val publishedCount: Long get() = published.sum()

    /** True once [close] was called. */
    public val isClosed: Boolean get() = closed.get()

    /**
     * Publishes [text] at [level] under [subtopic] (none when null or empty), without waiting; false when the
     * record was dropped (and counted).
     */
    public fun publish(level: LogLevel, subtopic: String?, text: String): Boolean {
        val prefix = prefixes[level.ordinal]
        val topic = if (subtopic.isNullOrEmpty()) prefix else prefix + ".$subtopic".toByteArray()
        return send(Message.of(topic, text.toByteArray()))
    }

    /**
     * Publishes [message] at [level] as pyzmq's `PUBHandler` does: a message written `"sub.topic::text"` is
     * published as `text` under the subtopic `sub.topic`. False when the record was dropped.
     */
    public fun publish(level: LogLevel, message: String): Boolean {
        val split = LogTopics.split(message)
        return if (split == null) publish(level, null, message) else publish(level, split.subtopic, split.rest)
    }

    private fun send(message: Message): Boolean {
        val sent = try {
            socket.trySend(message)
        } catch (_: ZmqException) {
            false // the socket was closed
        }
        if (sent) published.increment() else drops.dropped()
        return sent
    }

    /**
     * Stops publishing. A socket the publisher made is closed and its context terminated, which waits up to the
     * linger time for queued records to go out; a socket given to it stays open. Drops not reported yet are
     * reported now.
     */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        background.cancel()
        drops.reportNow()
        if (ownedContext != null) {
            socket.close()
            ownedContext.close()
        }
    }

    override fun toString(): String = "LogPublisher(root=\"$rootTopic\", ${if (boundEndpoints.isEmpty()) socket else boundEndpoints})"

    /**
     * Configures a [LogPublisher]: where it publishes (endpoints to bind or connect, or an existing socket) and
     * how. From Java: `LogPublisher.builder().bind("tcp://127.0.0.1:5555").rootTopic("app").build()`.
     */
    public class Builder internal constructor() {
        private val binds = ArrayList<String>()
        private val connects = ArrayList<String>()
        private var socket: Socket? = null
        private var rootTopic = ""
        private var sendHighWaterMark = DEFAULT_SEND_HWM
        private var linger: Duration = DEFAULT_LINGER
        private var dropReportInterval: Duration = DEFAULT_DROP_REPORT_INTERVAL
        private var dropReporter: DropReporter? = null

        /** Binds the publisher's socket to [endpoint] (repeatable); see [LogPublisher.boundEndpoints]. */
        public fun bind(endpoint: String): Builder = apply { binds += endpoint }

        /** Connects the publisher's socket to [endpoint] (repeatable), e.g. to a subscriber or a proxy that binds. */
        public fun connect(endpoint: String): Builder = apply { connects += endpoint }

        /**
         * Publishes on [socket], a PUB or XPUB the caller made, bound or connected, and closes (instead of
         * [bind]/[connect]). A PUB never refuses a send, so with one nothing is counted as dropped.
         */
        public fun socket(socket: Socket): Builder = apply { this.socket = socket }

        /** The first part of every topic (pyzmq's `root_topic`); empty (the default) for none. */
        public fun rootTopic(rootTopic: String): Builder = apply { this.rootTopic = rootTopic }

        /** Records queued per subscriber before further ones are dropped (the socket's SNDHWM); 1000 by default. */
        public fun sendHighWaterMark(records: Int): Builder = apply {
            require(records >= 0) { "sendHighWaterMark must not be negative, got $records" }
            sendHighWaterMark = records
        }

        /** How long [LogPublisher.close] waits for queued records to go out; one second by default. */
        public fun linger(linger: Duration): Builder = apply {
            require(!linger.isNegative) { "linger must not be negative, got $linger" }
            this.linger = linger
        }

        /** The shortest time between two drop reports; one minute by default. */
        public fun dropReportInterval(interval: Duration): Builder = apply {
            require(!interval.isNegative && !interval.isZero) { "dropReportInterval must be positive, got $interval" }
            dropReportInterval = interval
        }

        /** Who is told about dropped records; by default a warning on the SLF4J logger `dev.zmqkt.log.LogPublisher`. */
        public fun dropReporter(reporter: DropReporter): Builder = apply { dropReporter = reporter }

        /**
         * The publisher, its socket bound and connected.
         *
         * @throws IllegalStateException when neither an endpoint nor a socket was given, or both were.
         * @throws ZmqException from binding or connecting (e.g. [dev.zmqkt.AddressInUseException]).
         */
        public fun build(): LogPublisher {
            val given = socket
            check((given == null) != (binds.isEmpty() && connects.isEmpty())) {
                "give endpoints to bind or connect, or a socket, not both"
            }
            val reporter = dropReporter ?: DropReporter(::logDrops)
            if (given != null) return LogPublisher(given, null, rootTopic, dropReportInterval, reporter, emptyList())
            val context = Context()
            try {
                val xpub = context.socket(dev.zmqkt.SocketType.XPUB)
                xpub.xpubNoDrop = true
                xpub.sendHighWaterMark = sendHighWaterMark
                xpub.linger = linger
                val bound = binds.map { xpub.bind(it) }
                connects.forEach { xpub.connect(it) }
                return LogPublisher(xpub, context, rootTopic, dropReportInterval, reporter, bound)
            } catch (e: Throwable) {
                context.close(Duration.ZERO)
                throw e
            }
        }
    }

    public companion object {
        /** Records queued per subscriber by default, as libzmq's SNDHWM. */
        public const val DEFAULT_SEND_HWM: Int = 1000

        /** How long closing waits for queued records by default. */
        @JvmField
        public val DEFAULT_LINGER: Duration = Duration.ofSeconds(1)

        /** The shortest time between two drop reports by default. */
        @JvmField
        public val DEFAULT_DROP_REPORT_INTERVAL: Duration = Duration.ofMinutes(1)

        /** A new [Builder]. */
        @JvmStatic
        public fun builder(): Builder = Builder()

        private val log = LoggerFactory.getLogger(LogPublisher::class.java)

        private fun logDrops(sinceLastReport: Long, total: Long) {
            log.warn("{} log records dropped since the last report ({} in all): a subscriber could not keep up", sinceLastReport, total)
        }
    }
}
