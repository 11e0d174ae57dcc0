package dev.zmqkt.log

/**
 * The level part of a log topic, named as Python's `logging` names it, so that topics match what pyzmq's
 * `PUBHandler` publishes and what a pyzmq subscriber filters on (`root.WARNING`, not `root.WARN`).
 *
 * How the JVM's levels map:
 *
 * | Logback / SLF4J | java.util.logging | topic level |
 * |---|---|---|
 * | TRACE, DEBUG | FINEST, FINER, FINE | [DEBUG] |
 * | INFO | CONFIG, INFO | [INFO] |
 * | WARN | WARNING | [WARNING] |
 * | ERROR (with or without a throwable, as Python's `logger.exception`) | SEVERE | [ERROR] |
 * | ERROR with the marker [ZmqLogMarkers.CRITICAL] (or one named `FATAL`) | above SEVERE | [CRITICAL] |
 */
public enum class LogLevel(
    /** The name in topics: Python's level name. */
    public val topicName: String,
) {
    DEBUG("DEBUG"),
    INFO("INFO"),
    WARNING("WARNING"),
    ERROR("ERROR"),
    CRITICAL("CRITICAL"),
    ;

    public companion object {
        /**
         * The level named [name] in a topic: Python's names, and the aliases Python accepts (`WARN`, `FATAL`);
         * null for any other name (a custom level such as pyzmq's `Level 5`).
         */
        @JvmStatic
        public fun fromTopicName(name: String): LogLevel? = when (name) {
            "DEBUG" -> DEBUG
            "INFO" -> INFO
            "WARNING", "WARN" -> WARNING
            "ERROR" -> ERROR
            "CRITICAL", "FATAL" -> CRITICAL
            else -> null
        }
    }
}
