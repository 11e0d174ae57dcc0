// Boolean options read isXxx() from Java. Kotlin rejects @JvmName on interface members and overrides unless
// suppressed (KT-31420): a renamed getter must be renamed the same way in every implementation, which holds here
// (OptionValues, and Socket by delegation, which copies the names).
@file:Suppress("INAPPLICABLE_JVM_NAME")

package dev.zmqkt.internal

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.SocketOptions
import java.time.Duration

/** The stored, validated values behind [SocketOptions]; defaults are libzmq's. */
internal class OptionValues : SocketOptions {
    @Volatile override var sendHighWaterMark: Int = 1000
        set(value) { field = nonNegative("sendHighWaterMark", value) }

    @Volatile override var receiveHighWaterMark: Int = 1000
        set(value) { field = nonNegative("receiveHighWaterMark", value) }

    @Volatile override var linger: Duration? = null
        set(value) { field = nonNegative("linger", value) }

    @Volatile override var routingId: ByteArray? = null
        set(value) { field = checkRoutingId("routingId", value) }

    @Volatile override var connectRoutingId: ByteArray? = null
        set(value) { field = checkRoutingId("connectRoutingId", value) }

    @get:JvmName("isRouterMandatory")
    @Volatile override var routerMandatory: Boolean = false
    @get:JvmName("isRouterHandover")
    @Volatile override var routerHandover: Boolean = false
    @get:JvmName("isProbeRouter")
    @Volatile override var probeRouter: Boolean = false
    @get:JvmName("isRequestCorrelate")
    @Volatile override var requestCorrelate: Boolean = false
    @get:JvmName("isRequestRelaxed")
    @Volatile override var requestRelaxed: Boolean = false
    @get:JvmName("isConflate")
    @Volatile override var conflate: Boolean = false
    @get:JvmName("isInvertMatching")
    @Volatile override var invertMatching: Boolean = false
    @get:JvmName("isXpubVerbose")
    @Volatile override var xpubVerbose: Boolean = false
    @get:JvmName("isXpubVerboser")
    @Volatile override var xpubVerboser: Boolean = false
    @get:JvmName("isXpubManual")
    @Volatile override var xpubManual: Boolean = false
    @get:JvmName("isXpubNoDrop")
    @Volatile override var xpubNoDrop: Boolean = false
    @Volatile override var xpubWelcomeMessage: ByteArray? = null
        set(value) { field = value?.copyOf() }

    @Volatile override var reconnectInterval: Duration? = Duration.ofMillis(100)
        set(value) { field = nonNegative("reconnectInterval", value) }

    @Volatile override var reconnectIntervalMax: Duration = Duration.ZERO
        set(value) { field = nonNegative("reconnectIntervalMax", value)!! }

    @Volatile override var sendTimeout: Duration? = null
        set(value) { field = nonNegative("sendTimeout", value) }

    @Volatile override var receiveTimeout: Duration? = null
        set(value) { field = nonNegative("receiveTimeout", value) }

    @Volatile override var maxMessageSize: Long? = null
        set(value) {
            if (value != null && value < 0) throw InvalidOptionException("maxMessageSize must be >= 0, got $value")
            field = value
        }

    @get:JvmName("isImmediate")
    @Volatile override var immediate: Boolean = false

    @Volatile override var handshakeInterval: Duration? = Duration.ofSeconds(30)
        set(value) { field = nonNegative("handshakeInterval", value) }

    @Volatile override var heartbeatInterval: Duration? = null
        set(value) { field = nonNegative("heartbeatInterval", value) }

    @Volatile override var heartbeatTtl: Duration? = null
        set(value) {
            nonNegative("heartbeatTtl", value)
            if (value != null && value.toMillis() / 100 > 0xFFFF) {
                throw InvalidOptionException("heartbeatTtl must be at most 6553.5 s, got $value")
            }
            field = value
        }

    @Volatile override var heartbeatTimeout: Duration? = null
        set(value) { field = nonNegative("heartbeatTimeout", value) }

    @Volatile override var tcpKeepAlive: Boolean? = null

    @Volatile override var tcpKeepAliveIdle: Duration? = null
        set(value) { field = nonNegative("tcpKeepAliveIdle", value) }

    @Volatile override var tcpKeepAliveInterval: Duration? = null
        set(value) { field = nonNegative("tcpKeepAliveInterval", value) }

    @Volatile override var tcpKeepAliveCount: Int? = null
        set(value) {
            if (value != null && value <= 0) throw InvalidOptionException("tcpKeepAliveCount must be > 0, got $value")
            field = value
        }

    @Volatile override var sendBufferSize: Int? = null
        set(value) {
            if (value != null && value <= 0) throw InvalidOptionException("sendBufferSize must be > 0, got $value")
            field = value
        }

    @Volatile override var receiveBufferSize: Int? = null
        set(value) {
            if (value != null && value <= 0) throw InvalidOptionException("receiveBufferSize must be > 0, got $value")
            field = value
        }

    @get:JvmName("isIpv6")
    @Volatile override var ipv6: Boolean = false

    @Volatile override var backlog: Int = 100
        set(value) {
            if (value <= 0) throw InvalidOptionException("backlog must be > 0, got $value")
            field = value
        }

    /** A snapshot copy, so a connection keeps the values it started with. */
    fun snapshot(): OptionValues = OptionValues().also { it.copyFrom(this) }

    private fun checkRoutingId(name: String, value: ByteArray?): ByteArray? {
        if (value != null && (value.isEmpty() || value.size > 255)) {
            throw InvalidOptionException("$name must be 1 to 255 bytes, got ${value.size}")
        }
        if (value != null && value[0] == 0.toByte()) {
            throw InvalidOptionException("$name must not start with a zero byte (reserved for generated ids)")
        }
        return value?.copyOf()
    }

    private fun nonNegative(name: String, value: Int): Int {
        if (value < 0) throw InvalidOptionException("$name must be >= 0, got $value")
        return value
    }

    private fun nonNegative(name: String, value: Duration?): Duration? {
        if (value != null && value.isNegative) throw InvalidOptionException("$name must not be negative, got $value")
        return value
    }
}
