package dev.zmqkt.auth.internal.crypto

/** Reads the little-endian 32-bit word at [offset] of [bytes] (Salsa20 reads keys and nonces this way). */
internal fun littleEndianInt(bytes: ByteArray, offset: Int): Int =
    (bytes[offset].toInt() and 0xFF) or
        ((bytes[offset + 1].toInt() and 0xFF) shl 8) or
        ((bytes[offset + 2].toInt() and 0xFF) shl 16) or
        (bytes[offset + 3].toInt() shl 24)

/** Writes [value] as 4 little-endian bytes at [offset] of [bytes]. */
internal fun putLittleEndianInt(bytes: ByteArray, offset: Int, value: Int) {
    bytes[offset] = value.toByte()
    bytes[offset + 1] = (value ushr 8).toByte()
    bytes[offset + 2] = (value ushr 16).toByte()
    bytes[offset + 3] = (value ushr 24).toByte()
}

/** Reads the big-endian 64-bit number at [offset] of [bytes] (CurveZMQ's short nonces are big-endian). */
internal fun bigEndianLong(bytes: ByteArray, offset: Int): Long {
    var value = 0L
    for (i in 0 until 8) value = (value shl 8) or (bytes[offset + i].toLong() and 0xFF)
    return value
}

/** Writes [value] as 8 big-endian bytes at [offset] of [bytes]. */
internal fun putBigEndianLong(bytes: ByteArray, offset: Int, value: Long) {
    for (i in 0 until 8) bytes[offset + i] = (value ushr (56 - 8 * i)).toByte()
}
