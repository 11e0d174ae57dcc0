package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.Z85

/** CURVE keys as options take them (libzmq's `set_curve_key`): 32 raw bytes, or 40 Z85 characters. */
internal object CurveKeys {
    const val SIZE = 32
    const val Z85_SIZE = 40

    /** Checks [value]'s size and, for text, its Z85; raises [InvalidOptionException] naming [name]. */
    fun check(name: String, value: ByteArray?) {
        if (value != null) decode(name, value)
    }

    /** The 32 raw bytes of a key given as [value] (checked by [check] first). */
    fun raw(value: ByteArray): ByteArray = decode("key", value)

    private fun decode(name: String, value: ByteArray): ByteArray {
        val size = if (value.size == Z85_SIZE + 1 && value[Z85_SIZE] == 0.toByte()) Z85_SIZE else value.size
        return when (size) {
            SIZE -> value.copyOf()
            Z85_SIZE -> try {
                Z85.decode(String(value, 0, Z85_SIZE, Charsets.ISO_8859_1))
            } catch (e: IllegalArgumentException) {
                throw InvalidOptionException("$name is not valid Z85: ${e.message}")
            }
            else -> throw InvalidOptionException(
                "$name must be $SIZE bytes or $Z85_SIZE Z85 characters, got ${value.size} bytes",
            )
        }
    }
}
