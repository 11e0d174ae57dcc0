package dev.zmqkt.log

import dev.zmqkt.Message

/**
 * One published log record, read back: the message `[topic, text]` of pyzmq's `PUBHandler` (or of
 * [LogPublisher]), its topic taken apart into [rootTopic], [levelName] and [subtopic].
 *
 * @property topic the whole topic, as published.
 * @property rootTopic the part before the level; empty when the publisher has no root topic.
 * @property levelName the level as the topic names it (`DEBUG`, `INFO`, `WARNING`, `ERROR`, `CRITICAL`, or a
 *   custom name such as pyzmq's `Level 5`).
 * @property subtopic the part after the level; empty when there is none.
 * @property text the formatted record, as published (usually ending with a line break).
 */
public class LogEntry(
    public val topic: String,
    public val rootTopic: String,
    public val levelName: String,
    public val subtopic: String,
    public val text: String,
) {
    /** The level, or null for a custom level name. */
    public val level: LogLevel? get() = LogLevel.fromTopicName(levelName)

    override fun equals(other: Any?): Boolean = other is LogEntry && topic == other.topic && rootTopic == other.rootTopic &&
        levelName == other.levelName && subtopic == other.subtopic && text == other.text

    override fun hashCode(): Int = topic.hashCode() * 31 + text.hashCode()

    override fun toString(): String = "LogEntry($topic: ${text.trimEnd()})"

    public companion object {
        /**
         * The record in [message], a message of two frames (topic, text). When [rootTopic] is given (the
         * publisher's, possibly empty), the level is the topic part after it; when null, the level is the first
         * part of the topic that is a level name (`DEBUG`, `INFO`, `WARNING`, `WARN`, `ERROR`, `CRITICAL`,
         * `FATAL`), and failing that the second part when there are several (as `python -m zmq.log` reads it).
         *
         * @throws IllegalArgumentException when [message] does not have two frames, or its topic does not start
         *   with the given [rootTopic].
         */
        @JvmStatic
        @JvmOverloads
        public fun parse(message: Message, rootTopic: String? = null): LogEntry {
            require(message.size == 2) { "a log record has two frames (topic, text), this message has ${message.size}" }
            val topic = message[0].decodeToString()
            val text = message[1].decodeToString()
            val parts = split(topic, rootTopic)
            return LogEntry(topic, parts[0], parts[1], parts[2], text)
        }

        /** [topic] as root, level and subtopic. */
        private fun split(topic: String, rootTopic: String?): Array<String> {
            if (rootTopic != null) {
                val rest = when {
                    rootTopic.isEmpty() -> topic
                    topic == rootTopic -> ""
                    topic.startsWith("$rootTopic.") -> topic.substring(rootTopic.length + 1)
                    else -> throw IllegalArgumentException("topic \"$topic\" does not start with the root topic \"$rootTopic\"")
                }
                return arrayOf(rootTopic, rest.substringBefore('.'), if ('.' in rest) rest.substringAfter('.') else "")
            }
            val parts = topic.split('.')
            var at = parts.indexOfFirst { LogLevel.fromTopicName(it) != null }
            if (at < 0) at = if (parts.size > 1) 1 else 0
            return arrayOf(
                parts.subList(0, at).joinToString("."),
                parts[at],
                parts.subList(at + 1, parts.size).joinToString("."),
            )
        }
    }
}
