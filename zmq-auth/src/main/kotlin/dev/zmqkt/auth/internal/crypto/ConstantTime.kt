package dev.zmqkt.auth.internal.crypto

/**
 * Compares [length] bytes of [a] at [aOffset] with [b] at [bOffset] in time that depends only on [length], so
 * that a forger learns nothing from how long a failed tag check took.
 */
internal fun constantTimeEquals(length: Int, a: ByteArray, aOffset: Int, b: ByteArray, bOffset: Int): Boolean {
    var difference = 0
    for (i in 0 until length) difference = difference or (a[aOffset + i].toInt() xor b[bOffset + i].toInt())
    return difference == 0
}
