package dev.zmqkt.log.jul

import dev.zmqkt.log.LogLevel
import java.util.logging.Level

/** The topic level of a java.util.logging [level] (see [LogLevel] for the mapping). */
internal fun topicLevel(level: Level): LogLevel {
    val value = level.intValue()
    return when {
        value > Level.SEVERE.intValue() -> LogLevel.CRITICAL
        value >= Level.SEVERE.intValue() -> LogLevel.ERROR
        value >= Level.WARNING.intValue() -> LogLevel.WARNING
        value >= Level.CONFIG.intValue() -> LogLevel.INFO
        else -> LogLevel.DEBUG
    }
}
