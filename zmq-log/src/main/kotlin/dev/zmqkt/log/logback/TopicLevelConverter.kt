package dev.zmqkt.log.logback

import ch.qos.logback.classic.pattern.ClassicConverter
import ch.qos.logback.classic.spi.ILoggingEvent

/**
 * `%zmqLevel` in the appender's patterns: the record's level as its topic names it (Python's names: `WARNING`,
 * `CRITICAL`), where `%level` gives Logback's (`WARN`, `ERROR`).
 */
internal class TopicLevelConverter : ClassicConverter() {
    override fun convert(event: ILoggingEvent): String = topicLevel(event).topicName
}
