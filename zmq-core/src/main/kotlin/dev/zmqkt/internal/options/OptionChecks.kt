package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.SecurityMechanism
import java.time.Duration

// Range checks of option values; each raises InvalidOptionException naming the option's property.

internal fun nonNegativeInt(name: String, value: Int) {
    if (value < 0) throw InvalidOptionException("$name must be >= 0, got $value")
}

internal fun nonNegativeLong(name: String, value: Long?) {
    if (value != null && value < 0) throw InvalidOptionException("$name must be >= 0, got $value")
}

internal fun positive(name: String, value: Int?) {
    if (value != null && value <= 0) throw InvalidOptionException("$name must be > 0, got $value")
}

internal fun nonNegativeDuration(name: String, value: Duration?) {
    if (value != null && value.isNegative) throw InvalidOptionException("$name must not be negative, got $value")
}

/** Whole deciseconds in a 16-bit field: at most 6553.5 s. */
internal fun heartbeatTtl(name: String, value: Duration?) {
    nonNegativeDuration(name, value)
    if (value != null && value.toMillis() / 100 > 0xFFFF) {
        throw InvalidOptionException("$name must be at most 6553.5 s, got $value")
    }
}

/** 1 to 255 bytes, not starting with a zero byte (reserved for generated ids). */
internal fun routingId(name: String, value: ByteArray?) {
    if (value == null) return
    if (value.isEmpty() || value.size > 255) throw InvalidOptionException("$name must be 1 to 255 bytes, got ${value.size}")
    if (value[0] == 0.toByte()) {
        throw InvalidOptionException("$name must not start with a zero byte (reserved for generated ids)")
    }
}

/** PLAIN credentials: 1 to 255 bytes of UTF-8 (libzmq refuses empty ones), or null for none. */
internal fun plainText(name: String, value: String?) {
    if (value == null) return
    val size = value.toByteArray(Charsets.UTF_8).size
    if (size !in 1..255) throw InvalidOptionException("$name must be 1 to 255 bytes, got $size")
}

/** At most 255 bytes of UTF-8. */
internal fun zapDomain(name: String, value: String) {
    val size = value.toByteArray(Charsets.UTF_8).size
    if (size > 255) throw InvalidOptionException("$name must be at most 255 bytes, got $size")
}

/** Turning CURVE on needs its implementation (zmq-auth) on the class path. */
internal fun curveSwitch(name: String, value: Boolean) {
    if (value) MechanismChoice.requireImplementation(SecurityMechanism.CURVE, name)
}

/** A CURVE key of a valid size and form; setting one needs CURVE's implementation. */
internal fun curveKey(name: String, value: ByteArray?) {
    CurveKeys.check(name, value)
    if (value != null) MechanismChoice.requireImplementation(SecurityMechanism.CURVE, name)
}

/** Application properties must be named `X-...` (libzmq's ZMQ_METADATA), names of 1 to 255 ASCII characters. */
internal fun announcedProperties(name: String, value: Map<String, String>) {
    for (key in value.keys) {
        val ok = key.length in 3..255 && key.startsWith("X-", ignoreCase = true) && key.all {
            it in '0'..'9' || it in 'a'..'z' || it in 'A'..'Z' || it == '-' || it == '_' || it == '.' || it == '+'
        }
        if (!ok) throw InvalidOptionException("$name: property names start with 'X-' and use A-Z a-z 0-9 - _ . +, got '$key'")
    }
}
