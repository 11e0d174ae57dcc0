package dev.zmqkt.log.logback

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.spi.ILoggingEvent
import dev.zmqkt.log.LogLevel
import dev.zmqkt.log.ZmqLogMarkers

/** The topic level of [event] (see [LogLevel] for the mapping). */
internal fun topicLevel(event: ILoggingEvent): LogLevel = when (event.level.toInt()) {
    Level.ERROR_INT -> if (event.markerList.orEmpty().any(ZmqLogMarkers::isLevelMarker)) LogLevel.CRITICAL else LogLevel.ERROR
    Level.WARN_INT -> LogLevel.WARNING
    Level.INFO_INT -> LogLevel.INFO
    else -> LogLevel.DEBUG
}
