package dev.zmqkt.log.jul

import dev.zmqkt.log.LogLevel
import dev.zmqkt.log.LogPublisher
import dev.zmqkt.log.LogTopics
import dev.zmqkt.log.isOwnLogger
import java.time.Duration
import java.util.logging.ErrorManager
import java.util.logging.Formatter
import java.util.logging.Handler
import java.util.logging.Level
import java.util.logging.LogManager
import java.util.logging.LogRecord

/**
 * A java.util.logging handler that publishes each record on a ZeroMQ socket as pyzmq's `PUBHandler` does (see
 * [LogPublisher]): frames `[topic, text]`, topic `rootTopic.LEVEL[.subtopic]` with Python's level names (see
 * [LogLevel]; SEVERE is ERROR, levels above SEVERE are CRITICAL), a formatter per level. A message written
 * `"sub.topic::text"` is published as `text` under the subtopic `sub.topic`.
 *
 * In `logging.properties` (the prefix is this class's name):
 * ```properties
 * handlers = dev.zmqkt.log.jul.ZmqLogHandler
 * dev.zmqkt.log.jul.ZmqLogHandler.bind = tcp://127.0.0.1:5555
 * dev.zmqkt.log.jul.ZmqLogHandler.rootTopic = orders
 * dev.zmqkt.log.jul.ZmqLogHandler.format.ERROR = %4$s %3$s - %5$s%6$s%n
 * ```
 * Keys: `bind`, `connect` (endpoints separated by commas), `rootTopic`, `level`, `sendHighWaterMark`, `linger`
 * (milliseconds), `dropReportInterval` (seconds), `format` (every level) and `format.LEVEL` (one level: `DEBUG`,
 * `INFO`, `WARNING`, `ERROR`, `CRITICAL`). Formats are `java.util.Formatter` strings with the arguments of
 * `SimpleFormatter` (`1$` time, `2$` source, `3$` logger, `4$` level as the topic names it, `5$` message, `6$`
 * throwable); the defaults follow pyzmq's: INFO `%5$s%n`, the others `%4$s %3$s - %5$s%6$s%n`.
 *
 * From code: `ZmqLogHandler(LogPublisher.builder().bind(endpoint).build())`, then [setFormat] or [setFormatter]
 * per level if wanted.
 *
 * It never waits (records a subscriber cannot take are dropped and counted, see [droppedCount]), never publishes
 * zmq-kt's own records (loggers under `dev.zmqkt.`) nor records logged while it publishes one on the same thread.
 * [close] closes the socket after giving queued records up to the linger time to go out.
 */
public class ZmqLogHandler(private val publisher: LogPublisher) : Handler() {
    private val formatters = arrayOfNulls<Formatter>(LogLevel.entries.size)
    private val publishing = ThreadLocal.withInitial { false }

    init {
        DEFAULT_FORMATS.forEach { (level, format) -> formatters[level.ordinal] = LevelFormatter(format) }
    }

    /**
     * A handler configured from the LogManager's properties (see the class description), as java.util.logging
     * makes the handlers named in `logging.properties`.
     *
     * @throws IllegalStateException when neither `bind` nor `connect` is configured.
     */
    public constructor() : this(publisherFromProperties(ZmqLogHandler::class.java.name)) {
        val manager = LogManager.getLogManager()
        val prefix = ZmqLogHandler::class.java.name
        manager.getProperty("$prefix.level")?.let { level = Level.parse(it.trim()) }
        manager.getProperty("$prefix.format")?.let { format -> LogLevel.entries.forEach { setFormat(it, format) } }
        for (topicLevel in LogLevel.entries) {
            manager.getProperty("$prefix.format.${topicLevel.topicName}")?.let { setFormat(topicLevel, it) }
        }
    }

    /** Records dropped so far. */
    public val droppedCount: Long get() = publisher.droppedCount

    /** Records published so far. */
    public val publishedCount: Long get() = publisher.publishedCount

    /** The endpoints bound, resolved. */
    public val boundEndpoints: List<String> get() = publisher.boundEndpoints

    /** Formats records at [level] with [formatter]. */
    public fun setFormatter(level: LogLevel, formatter: Formatter) {
        formatters[level.ordinal] = formatter
    }

    /** Formats records at [level] with the `java.util.Formatter` string [format] (arguments as in the class description). */
    public fun setFormat(level: LogLevel, format: String) {
        setFormatter(level, LevelFormatter(format))
    }

    /** Formats records of every level with [newFormatter] (as pyzmq's `setFormatter` without a level). */
    override fun setFormatter(newFormatter: Formatter) {
        super.setFormatter(newFormatter)
        LogLevel.entries.forEach { formatters[it.ordinal] = newFormatter }
    }

    override fun publish(record: LogRecord?) {
        if (record == null || isOwnLogger(record.loggerName) || !isLoggable(record) || publishing.get()) return
        publishing.set(true)
        try {
            val level = topicLevel(record.level)
            val split = LogTopics.split(record.message)
            val shown = if (split == null) record else withMessage(record, split.rest)
            val text = try {
                formatters[level.ordinal]!!.format(shown)
            } catch (e: Exception) {
                reportError("could not format a record", e, ErrorManager.FORMAT_FAILURE)
                return
            }
            publisher.publish(level, split?.subtopic, text)
        } finally {
            publishing.set(false)
        }
    }

    /** Nothing to do: records are handed to the socket as they come. */
    override fun flush() {}

    /** Closes the publisher: its socket gets up to the linger time to send what is queued. */
    override fun close() {
        publisher.close()
    }

    private companion object {
        val DEFAULT_FORMATS = mapOf(
            LogLevel.DEBUG to "%4\$s %3\$s - %5\$s%6\$s%n",
            LogLevel.INFO to "%5\$s%n",
            LogLevel.WARNING to "%4\$s %3\$s - %5\$s%6\$s%n",
            LogLevel.ERROR to "%4\$s %3\$s - %5\$s%6\$s%n",
            LogLevel.CRITICAL to "%4\$s %3\$s - %5\$s%6\$s%n",
        )

        fun publisherFromProperties(prefix: String): LogPublisher {
            val manager = LogManager.getLogManager()
            fun property(key: String): String? = manager.getProperty("$prefix.$key")?.trim()?.takeIf { it.isNotEmpty() }
            fun endpoints(key: String) = property(key)?.split(',')?.map { it.trim() }?.filter { it.isNotEmpty() }.orEmpty()
            val binds = endpoints("bind")
            val connects = endpoints("connect")
            check(binds.isNotEmpty() || connects.isNotEmpty()) {
                "$prefix: set $prefix.bind or $prefix.connect in the logging configuration"
            }
            return LogPublisher.builder().apply {
                binds.forEach { bind(it) }
                connects.forEach { connect(it) }
                property("rootTopic")?.let { rootTopic(it) }
                property("sendHighWaterMark")?.let { sendHighWaterMark(it.toInt()) }
                property("linger")?.let { linger(Duration.ofMillis(it.toLong())) }
                property("dropReportInterval")?.let { dropReportInterval(Duration.ofSeconds(it.toLong())) }
                dropReporter { since, total ->
                    java.util.logging.Logger.getLogger(prefix).warning(
                        "$since log records dropped since the last report ($total in all): a subscriber could not keep up",
                    )
                }
            }.build()
        }

        /** A copy of [record] with [message] (the text after a subtopic) in place of its message. */
        fun withMessage(record: LogRecord, message: String): LogRecord = LogRecord(record.level, message).apply {
            loggerName = record.loggerName
            parameters = record.parameters
            thrown = record.thrown
            instant = record.instant
            sequenceNumber = record.sequenceNumber
            sourceClassName = record.sourceClassName
            sourceMethodName = record.sourceMethodName
            resourceBundle = record.resourceBundle
            resourceBundleName = record.resourceBundleName
            longThreadID = record.longThreadID
        }
    }
}
