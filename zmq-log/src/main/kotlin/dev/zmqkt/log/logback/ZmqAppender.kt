package dev.zmqkt.log.logback

import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.UnsynchronizedAppenderBase
import ch.qos.logback.core.util.ReentryGuard
import ch.qos.logback.core.util.ReentryGuardFactory
import dev.zmqkt.Socket
import dev.zmqkt.log.LogLevel
import dev.zmqkt.log.LogPublisher
import dev.zmqkt.log.ZmqLogMarkers
import dev.zmqkt.log.isOwnLogger
import dev.zmqkt.log.LogTopics
import ch.qos.logback.core.util.Duration as LogbackDuration
import java.time.Duration

/**
 * A Logback appender that publishes each record on a ZeroMQ socket as pyzmq's `PUBHandler` does (see
 * [LogPublisher]): frames `[topic, text]`, topic `rootTopic.LEVEL[.subtopic]` with Python's level names (see
 * [LogLevel]), text from a pattern per level.
 *
 * In `logback.xml`:
 * ```xml
 * <appender name="ZMQ" class="dev.zmqkt.log.logback.ZmqAppender">
 *   <bind>tcp://127.0.0.1:5555</bind>          <!-- or <connect>; both repeatable -->
 *   <rootTopic>orders</rootTopic>
 *   <mdcKey>tenant</mdcKey>                    <!-- optional: the MDC value is the subtopic -->
 *   <errorPattern>%zmqLevel %logger - %msg%n%ex</errorPattern>
 * </appender>
 * ```
 * From code, set the same properties (or [socket], to publish on a socket of your own), then [start]; add it to a
 * logger.
 *
 * ### Subtopics
 * The first that applies: a message written `"sub.topic::text"` (the subtopic is cut from the message pattern, as
 * pyzmq cuts it from `record.msg`); the record's first SLF4J marker other than [ZmqLogMarkers.CRITICAL]/`FATAL`
 * (unless [markerSubtopic] is false); the MDC value under [mdcKey].
 *
 * ### Patterns
 * [pattern] sets all levels at once; [debugPattern], [infoPattern], [warningPattern], [errorPattern] and
 * [criticalPattern] one each. They are Logback patterns, plus `%zmqLevel`, the level as the topic names it. The
 * defaults follow pyzmq's: INFO `%msg%n`; the others `%zmqLevel %logger - %msg%n`, with `%ex` for ERROR and
 * CRITICAL.
 *
 * ### What it never does
 * It never waits: records go out with a non-waiting send, and those a subscriber cannot take are dropped and
 * counted ([droppedCount], reported at most once per [dropReportInterval]). It never publishes zmq-kt's own
 * records (loggers under `dev.zmqkt.`), nor records logged while it is publishing one on the same thread.
 *
 * ### Lifecycle
 * [start] makes the socket (or takes the given one); [stop], which Logback calls when its context stops, closes it
 * after giving queued records up to [linger] to go out.
 */
public class ZmqAppender : UnsynchronizedAppenderBase<ILoggingEvent>() {
    private val binds = ArrayList<String>()
    private val connects = ArrayList<String>()
    private val patterns = HashMap(LevelLayouts.DEFAULTS)

    /** The publisher and layouts while started. */
    private class Running(val publisher: LogPublisher, val layouts: LevelLayouts)

    @Volatile
    private var running: Running? = null

    /** The publisher of the last [start], kept after [stop] for its counts. */
    @Volatile
    private var lastPublisher: LogPublisher? = null

    /** A PUB or XPUB socket of the caller's to publish on, instead of endpoints; it stays open after [stop]. */
    public var socket: Socket? = null

    /** The first part of every topic (pyzmq's `root_topic`); empty (the default) for none. */
    public var rootTopic: String = ""

    /** Records queued per subscriber before further ones are dropped; 1000 by default. */
    public var sendHighWaterMark: Int = LogPublisher.DEFAULT_SEND_HWM

    /** How long [stop] waits for queued records to go out; one second by default (`<linger>2 seconds</linger>`). */
    public var linger: LogbackDuration = LogbackDuration.buildByMilliseconds(LogPublisher.DEFAULT_LINGER.toMillis().toDouble())

    /** The shortest time between two reports of dropped records; one minute by default. */
    public var dropReportInterval: LogbackDuration =
        LogbackDuration.buildByMilliseconds(LogPublisher.DEFAULT_DROP_REPORT_INTERVAL.toMillis().toDouble())

    /** The MDC key whose value is a record's subtopic when neither `::` nor a marker gives one; none by default. */
    public var mdcKey: String? = null

    /** Whether a record's SLF4J marker names its subtopic; true by default. */
    public var markerSubtopic: Boolean = true

    /** Binds the socket to [endpoint] (`<bind>` in logback.xml); repeatable. */
    public fun addBind(endpoint: String) {
        binds += endpoint.trim()
    }

    /** Connects the socket to [endpoint] (`<connect>` in logback.xml); repeatable. */
    public fun addConnect(endpoint: String) {
        connects += endpoint.trim()
    }

    /** The pattern of every level (`<pattern>`). */
    public fun setPattern(pattern: String) {
        LogLevel.entries.forEach { patterns[it] = pattern }
    }

    /** The pattern of DEBUG records (Logback's TRACE and DEBUG). */
    public fun setDebugPattern(pattern: String) {
        patterns[LogLevel.DEBUG] = pattern
    }

    /** The pattern of INFO records. */
    public fun setInfoPattern(pattern: String) {
        patterns[LogLevel.INFO] = pattern
    }

    /** The pattern of WARNING records (Logback's WARN). */
    public fun setWarningPattern(pattern: String) {
        patterns[LogLevel.WARNING] = pattern
    }

    /** The pattern of ERROR records. */
    public fun setErrorPattern(pattern: String) {
        patterns[LogLevel.ERROR] = pattern
    }

    /** The pattern of CRITICAL records (ERROR with the [ZmqLogMarkers.CRITICAL] marker). */
    public fun setCriticalPattern(pattern: String) {
        patterns[LogLevel.CRITICAL] = pattern
    }

    /** The pattern of records at [level]. */
    public fun pattern(level: LogLevel): String = patterns.getValue(level)

    /** Records dropped since the last [start]. */
    public val droppedCount: Long get() = lastPublisher?.droppedCount ?: 0

    /** Records published since the last [start]. */
    public val publishedCount: Long get() = lastPublisher?.publishedCount ?: 0

    /** The endpoints bound once started, resolved (an ephemeral port filled in). */
    public val boundEndpoints: List<String> get() = running?.publisher?.boundEndpoints.orEmpty()

    override fun buildReentryGuard(): ReentryGuard = ReentryGuardFactory.makeGuard(ReentryGuardFactory.GuardType.THREAD_LOCAL)

    override fun start() {
        if (isStarted) return
        val given = socket
        if (given == null && binds.isEmpty() && connects.isEmpty()) {
            addError("appender \"$name\" has no <bind>, <connect> or socket: nowhere to publish")
            return
        }
        if (given != null && (binds.isNotEmpty() || connects.isNotEmpty())) {
            addError("appender \"$name\" has a socket and endpoints: give one or the other")
            return
        }
        val built = try {
            LogPublisher.builder().apply {
                if (given != null) socket(given)
                binds.forEach { bind(it) }
                connects.forEach { connect(it) }
                rootTopic(rootTopic)
                sendHighWaterMark(sendHighWaterMark)
                linger(Duration.ofMillis(linger.milliseconds))
                dropReportInterval(Duration.ofMillis(dropReportInterval.milliseconds))
            }.build()
        } catch (e: Exception) {
            addError("appender \"$name\" could not open its socket: ${e.message}", e)
            return
        }
        running = Running(built, LevelLayouts(context, patterns))
        lastPublisher = built
        addInfo("appender \"$name\" publishing on ${built.boundEndpoints.ifEmpty { connects.ifEmpty { listOf(given) } }}")
        super.start()
    }

    override fun stop() {
        if (!isStarted) return
        super.stop()
        val stopping = running ?: return
        running = null
        stopping.publisher.close()
        stopping.layouts.stop()
    }

    override fun append(event: ILoggingEvent) {
        if (isOwnLogger(event.loggerName)) return
        val now = running ?: return
        val level = topicLevel(event)
        val split = LogTopics.split(event.message)
        val subtopic = split?.subtopic ?: markerSubtopic(event) ?: mdcSubtopic(event)
        val shown = if (split == null) event else MessageRestEvent(event, split.rest)
        now.publisher.publish(level, subtopic, now.layouts.layout(level).doLayout(shown))
    }

    private fun markerSubtopic(event: ILoggingEvent): String? {
        if (!markerSubtopic) return null
        val markers = event.markerList ?: return null
        for (marker in markers) if (!ZmqLogMarkers.isLevelMarker(marker)) return marker.name
        return null
    }

    private fun mdcSubtopic(event: ILoggingEvent): String? {
        val key = mdcKey ?: return null
        return event.mdcPropertyMap?.get(key)?.takeIf { it.isNotEmpty() }
    }
}
