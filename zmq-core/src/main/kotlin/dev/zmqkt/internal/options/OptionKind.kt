package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.SecurityMechanism
import java.time.Duration
import java.time.temporal.ChronoUnit

/**
 * The value type of an option: how a value given by name (`setOption("SNDHWM", "10")`, from a configuration file
 * or a tool) becomes the typed value, and how a stored value is handed out.
 *
 * Numbers follow libzmq's conventions: an integer where libzmq takes one, a duration as a whole number of
 * [ChronoUnit] (milliseconds for most options), and the "no value" number libzmq uses (usually -1) for `null`.
 * Text is accepted wherever a number or boolean is, so configuration values need no parsing of their own.
 */
internal sealed class OptionKind<T>(val description: String) {
    /** [value] as this kind's type; raises [InvalidOptionException] naming [option] when it does not convert. */
    abstract fun convert(option: String, value: Any?): T

    /** The value to store for [value] (a private copy of arrays). */
    open fun stored(value: T): T = value

    /** The value to hand out for the stored [value] (a copy of arrays). */
    open fun exported(value: T): T = value

    protected fun refuse(option: String, value: Any?): Nothing {
        val shown = if (value is ByteArray) "${value.size} bytes" else "${value?.javaClass?.simpleName} '$value'"
        throw InvalidOptionException("option $option takes $description, got $shown")
    }

    protected fun toLong(option: String, value: Any?): Long = when (value) {
        is Int, is Long, is Short, is Byte -> (value as Number).toLong()
        is String -> value.trim().toLongOrNull() ?: refuse(option, value)
        else -> refuse(option, value)
    }

    protected fun toInt(option: String, value: Any?): Int {
        val long = toLong(option, value)
        if (long < Int.MIN_VALUE || long > Int.MAX_VALUE) refuse(option, value)
        return long.toInt()
    }

    object IntValue : OptionKind<Int>("an Int") {
        override fun convert(option: String, value: Any?): Int = toInt(option, value)
    }

    /** An Int where libzmq's -1 (the system's or library's default) is `null`. */
    object IntOrNull : OptionKind<Int?>("an Int, or -1 or null for none") {
        override fun convert(option: String, value: Any?): Int? =
            if (value == null) null else toInt(option, value).takeIf { it != -1 }
    }

    /** A Long where libzmq's -1 (no limit) is `null`. */
    object LongOrNull : OptionKind<Long?>("a Long, or -1 or null for none") {
        override fun convert(option: String, value: Any?): Long? =
            if (value == null) null else toLong(option, value).takeIf { it != -1L }
    }

    object BooleanValue : OptionKind<Boolean>("a Boolean (true/false or 1/0)") {
        override fun convert(option: String, value: Any?): Boolean = toBoolean(option, value) ?: refuse(option, value)
    }

    /** A Boolean where libzmq's -1 (leave the system default) is `null`. */
    object BooleanOrNull : OptionKind<Boolean?>("a Boolean (true/false or 1/0), or -1 or null for the default") {
        override fun convert(option: String, value: Any?): Boolean? = when (value) {
            null -> null
            else -> toBoolean(option, value) ?: if (toLong(option, value) == -1L) null else refuse(option, value)
        }
    }

    /** A [Duration] given as a whole number of [unit] by name; the numbers in [nullCodes] mean `null`. */
    class DurationOrNull(private val unit: ChronoUnit, private val nullCodes: Set<Long>) :
        OptionKind<Duration?>("a Duration (a number of ${unit.name.lowercase()}; ${nullCodes.joinToString(" or ")} or null for none)") {
        override fun convert(option: String, value: Any?): Duration? = when (value) {
            null -> null
            is Duration -> value
            else -> toLong(option, value).let { if (it in nullCodes) null else Duration.of(it, unit) }
        }
    }

    /** A [Duration] that is never `null`, given as a whole number of milliseconds by name. */
    object DurationMillis : OptionKind<Duration>("a Duration (a number of milliseconds)") {
        override fun convert(option: String, value: Any?): Duration = when (value) {
            is Duration -> value
            else -> Duration.ofMillis(toLong(option, value))
        }
    }

    /** Bytes, or text taken as UTF-8; `null` for none. Arrays are copied in and out. */
    object BytesOrNull : OptionKind<ByteArray?>("bytes (a ByteArray, or text as UTF-8), or null") {
        override fun convert(option: String, value: Any?): ByteArray? = when (value) {
            null -> null
            is ByteArray -> value
            is String -> value.toByteArray(Charsets.UTF_8)
            else -> refuse(option, value)
        }

        override fun stored(value: ByteArray?): ByteArray? = value?.copyOf()

        override fun exported(value: ByteArray?): ByteArray? = value?.copyOf()
    }

    /** Text; a ByteArray is taken as UTF-8. */
    object Text : OptionKind<String>("text (a String, or bytes as UTF-8)") {
        override fun convert(option: String, value: Any?): String = when (value) {
            is String -> value
            is ByteArray -> String(value, Charsets.UTF_8)
            else -> refuse(option, value)
        }
    }

    /** Text or `null` for none; a ByteArray is taken as UTF-8. */
    object TextOrNull : OptionKind<String?>("text (a String, or bytes as UTF-8), or null") {
        override fun convert(option: String, value: Any?): String? = when (value) {
            null -> null
            is String -> value
            is ByteArray -> String(value, Charsets.UTF_8)
            else -> refuse(option, value)
        }
    }

    /**
     * A CURVE key: 32 raw bytes, or its 40-character Z85 text (a String, or 40 bytes, or 41 with a final zero byte
     * as C strings have). Stored as the 32 raw bytes; `null` for none.
     */
    object CurveKey : OptionKind<ByteArray?>("a CURVE key (32 bytes, or 40 Z85 characters), or null") {
        override fun convert(option: String, value: Any?): ByteArray? = when (value) {
            null -> null
            is ByteArray -> value
            is String -> value.toByteArray(Charsets.US_ASCII)
            else -> refuse(option, value)
        }

        override fun stored(value: ByteArray?): ByteArray? = value?.let { CurveKeys.raw(it) }

        override fun exported(value: ByteArray?): ByteArray? = value?.copyOf()
    }

    /** The security mechanism (read-only: options that choose one set it). */
    object Mechanism : OptionKind<SecurityMechanism>("a SecurityMechanism") {
        override fun convert(option: String, value: Any?): SecurityMechanism = when (value) {
            is SecurityMechanism -> value
            else -> SecurityMechanism.fromCode(toInt(option, value)) ?: refuse(option, value)
        }
    }

    /**
     * Properties to announce (ZMQ_METADATA): a Map replaces them all; by name, text `"X-Name:value"` adds one, as
     * libzmq's option does.
     */
    object Properties : OptionKind<Map<String, String>>("a Map of X- properties, or text 'X-Name:value'") {
        override fun convert(option: String, value: Any?): Map<String, String> = when (value) {
            is Map<*, *> -> value.entries.associate { (k, v) -> (k as? String ?: refuse(option, value)) to (v?.toString() ?: "") }
            is String -> parseOne(option, value)
            is ByteArray -> parseOne(option, String(value, Charsets.UTF_8))
            else -> refuse(option, value)
        }

        private fun parseOne(option: String, text: String): Map<String, String> {
            val colon = text.indexOf(':')
            if (colon <= 0 || colon == text.length - 1) refuse(option, text)
            return mapOf(text.substring(0, colon) to text.substring(colon + 1))
        }

        override fun stored(value: Map<String, String>): Map<String, String> =
            java.util.Collections.unmodifiableMap(LinkedHashMap(value))
    }

    protected fun toBoolean(option: String, value: Any?): Boolean? = when (value) {
        is Boolean -> value
        is String -> TEXTS[value.trim().lowercase()]
        else -> when (toLong(option, value)) {
            0L -> false
            1L -> true
            else -> null
        }
    }

    private companion object {
        val TEXTS = mapOf("true" to true, "false" to false, "1" to true, "0" to false)
    }
}
