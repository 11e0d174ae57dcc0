package dev.zmqkt.log.jul

import java.io.PrintWriter
import java.io.StringWriter
import java.time.ZoneId
import java.time.ZonedDateTime
import java.util.logging.Formatter
import java.util.logging.LogRecord

/**
 * Formats a record with a `java.util.Formatter` string taking the arguments of
 * [java.util.logging.SimpleFormatter], except that the level is the topic's name for it:
 * `1$` the time (a `ZonedDateTime`), `2$` the source (class and method, else the logger), `3$` the logger,
 * `4$` the level (`DEBUG`, `INFO`, `WARNING`, `ERROR`, `CRITICAL`), `5$` the message, `6$` the throwable with
 * its stack trace, after a line break (empty when none).
 */
internal class LevelFormatter(private val format: String) : Formatter() {
    override fun format(record: LogRecord): String {
        val time = ZonedDateTime.ofInstant(record.instant, ZoneId.systemDefault())
        val source = record.sourceClassName?.let { cls -> record.sourceMethodName?.let { "$cls $it" } ?: cls }
            ?: record.loggerName
        val thrown = record.thrown?.let { t ->
            val out = StringWriter()
            PrintWriter(out).use { out.append(System.lineSeparator()); t.printStackTrace(it) }
            out.toString()
        } ?: ""
        return String.format(format, time, source, record.loggerName, topicLevel(record.level).topicName, formatMessage(record), thrown)
    }
}
