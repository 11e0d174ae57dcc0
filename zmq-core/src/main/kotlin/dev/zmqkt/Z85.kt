package dev.zmqkt

/**
 * Z85 (RFC 32): the printable encoding ZeroMQ uses for CURVE keys in text. Four bytes become five characters
 * from an 85-character alphabet that is safe in source code, JSON and shell strings.
 *
 * ```kotlin
 * Z85.encode(byteArrayOf(0x86.toByte(), 0x4F, 0xD2.toByte(), 0x6F, 0xB5.toByte(), 0x59, 0xF7.toByte(), 0x5B))
 * // "HelloWorld"
 * ```
 */
public object Z85 {
    private const val ALPHABET =
        "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#"

    private val DECODE = IntArray(128) { -1 }.also { table ->
        ALPHABET.forEachIndexed { i, c -> table[c.code] = i }
    }

    /**
     * Encodes [data], whose size must be a multiple of 4.
     *
     * @throws IllegalArgumentException when it is not.
     */
    @JvmStatic
    public fun encode(data: ByteArray): String {
        require(data.size % 4 == 0) { "Z85 encodes whole 4-byte groups; got ${data.size} bytes" }
        val out = StringBuilder(data.size / 4 * 5)
        val digits = CharArray(5)
        for (group in data.indices step 4) {
            var value = 0L
            for (i in 0 until 4) value = (value shl 8) or (data[group + i].toLong() and 0xFF)
            for (i in 4 downTo 0) {
                digits[i] = ALPHABET[(value % 85).toInt()]
                value /= 85
            }
            out.append(digits)
        }
        return out.toString()
    }

    /**
     * Decodes [text], whose length must be a multiple of 5, made only of Z85 characters.
     *
     * @throws IllegalArgumentException on a bad length, a character outside the alphabet, or a group that
     *   does not fit in 4 bytes.
     */
    @JvmStatic
    public fun decode(text: String): ByteArray {
        require(text.length % 5 == 0) { "Z85 text comes in 5-character groups; got ${text.length} characters" }
        val out = ByteArray(text.length / 5 * 4)
        for (group in 0 until text.length / 5) {
            var value = 0L
            for (i in 0 until 5) {
                val c = text[group * 5 + i]
                val digit = if (c.code < 128) DECODE[c.code] else -1
                require(digit >= 0) { "'$c' at ${group * 5 + i} is not a Z85 character" }
                value = value * 85 + digit
            }
            require(value <= 0xFFFF_FFFFL) { "Z85 group ${text.substring(group * 5, group * 5 + 5)} overflows 4 bytes" }
            for (i in 0 until 4) out[group * 4 + i] = (value shr (24 - 8 * i)).toByte()
        }
        return out
    }
}
