package dev.zmqkt.log.logback

import ch.qos.logback.classic.spi.ILoggingEvent
import org.slf4j.helpers.MessageFormatter

/**
 * [event] with its message replaced by [rest], the part after a `sub.topic::` prefix, so that the layout's `%msg`
 * prints the text without the subtopic (the arguments fill the placeholders of [rest]).
 */
internal class MessageRestEvent(private val event: ILoggingEvent, private val rest: String) : ILoggingEvent by event {
    private val formatted: String by lazy(LazyThreadSafetyMode.NONE) {
        val args = event.argumentArray
        if (args.isNullOrEmpty()) rest else MessageFormatter.basicArrayFormat(rest, args)
    }

    override fun getMessage(): String = rest

    override fun getFormattedMessage(): String = formatted
}
