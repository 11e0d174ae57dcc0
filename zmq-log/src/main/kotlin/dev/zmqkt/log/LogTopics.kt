package dev.zmqkt.log

/**
 * Topics as pyzmq's `PUBHandler` builds them: `rootTopic.LEVEL.subtopic`, the root left out when empty and the
 * subtopic when absent. A message written `"sub.topic::text"` carries its subtopic in front of `::`.
 */
internal object LogTopics {
    /** pyzmq's `TOPIC_DELIM`. */
    const val DELIMITER = "::"

    fun topic(rootTopic: String, level: String, subtopic: String?): String {
        val prefix = prefix(rootTopic, level)
        return if (subtopic.isNullOrEmpty()) prefix else "$prefix.$subtopic"
    }

    /** The topic of a record at [level] without a subtopic. */
    fun prefix(rootTopic: String, level: String): String = if (rootTopic.isEmpty()) level else "$rootTopic.$level"

    /**
     * [message] split at its first `::` into subtopic and rest, as pyzmq splits `record.msg`; null when it has
     * none.
     */
    fun split(message: String?): Split? {
        if (message == null) return null
        val at = message.indexOf(DELIMITER)
        if (at < 0) return null
        return Split(message.substring(0, at), message.substring(at + DELIMITER.length))
    }

    class Split(val subtopic: String, val rest: String)
}
