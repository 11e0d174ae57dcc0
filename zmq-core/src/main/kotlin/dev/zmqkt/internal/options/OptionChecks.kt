package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
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
