package dev.zmqkt.log

import org.slf4j.Marker
import org.slf4j.MarkerFactory

/**
 * SLF4J markers the Logback appender understands. Any other marker on a record names its subtopic (unless the
 * appender's `markerSubtopic` is off): `log.warn(MarkerFactory.getMarker("db.pool"), "slow")` is published under
 * `root.WARNING.db.pool`, as pyzmq's `TopicLogger` would publish `log.warn("db.pool", "slow")`.
 */
public object ZmqLogMarkers {
    /** Publishes an ERROR record at the level CRITICAL (Python's level above ERROR, which SLF4J lacks). */
    @JvmField
    public val CRITICAL: Marker = MarkerFactory.getMarker("CRITICAL")

    /** Same as [CRITICAL], under the name some SLF4J code uses. */
    @JvmField
    public val FATAL: Marker = MarkerFactory.getMarker("FATAL")

    /** True when [marker] is one of the level markers rather than a subtopic. */
    @JvmStatic
    public fun isLevelMarker(marker: Marker): Boolean = marker.name == CRITICAL.name || marker.name == FATAL.name
}
