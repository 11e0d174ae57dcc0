package dev.zmqkt.log.logback

import ch.qos.logback.classic.PatternLayout
import ch.qos.logback.core.Context
import ch.qos.logback.core.pattern.DynamicConverter
import dev.zmqkt.log.LogLevel
import java.util.function.Supplier

/**
 * One Logback [PatternLayout] per topic level, as pyzmq's `PUBHandler` has one formatter per level. Patterns may
 * use `%zmqLevel` ([TopicLevelConverter]).
 */
internal class LevelLayouts(context: Context, patterns: Map<LogLevel, String>) {
    private val layouts: Array<PatternLayout> = Array(LogLevel.entries.size) { i ->
        PatternLayout().apply {
            this.context = context
            pattern = patterns.getValue(LogLevel.entries[i])
            @Suppress("UNCHECKED_CAST")
            (instanceConverterMap as MutableMap<String, Supplier<DynamicConverter<*>>>)["zmqLevel"] =
                Supplier { TopicLevelConverter() }
            start()
        }
    }

    fun layout(level: LogLevel): PatternLayout = layouts[level.ordinal]

    fun stop() {
        layouts.forEach { it.stop() }
    }

    companion object {
        /**
         * The default patterns, after pyzmq's default formatters (`"%(levelname)s %(filename)s:%(lineno)d -
         * %(message)s\n"`, INFO the bare message). The logger name stands in for file and line: Logback finds
         * those by walking the stack, which would slow every logging call.
         */
        val DEFAULTS: Map<LogLevel, String> = mapOf(
            LogLevel.DEBUG to "%zmqLevel %logger - %msg%n",
            LogLevel.INFO to "%msg%n",
            LogLevel.WARNING to "%zmqLevel %logger - %msg%n",
            LogLevel.ERROR to "%zmqLevel %logger - %msg%n%ex",
            LogLevel.CRITICAL to "%zmqLevel %logger - %msg%n%ex",
        )
    }
}
