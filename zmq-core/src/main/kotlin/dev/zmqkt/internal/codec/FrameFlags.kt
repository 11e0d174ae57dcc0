package dev.zmqkt.internal.codec

/** The flags byte that starts every ZMTP 3 frame (RFC 23 section "Framing"). */
internal object FrameFlags {
    /** More frames of the same message follow. */
    const val MORE = 0x01

    /** The size is 8 bytes (big-endian) instead of 1. */
    const val LONG = 0x02

    /** The frame is a command, not message data. */
    const val COMMAND = 0x04

    /** Bits 3-7 are reserved and must be zero. */
    const val RESERVED = 0xF8

    /** The largest frame body a short frame can carry. */
    const val SHORT_MAX = 255

    /** Header size of a short frame (flags + 1 size byte) and of a long frame (flags + 8 size bytes). */
    const val SHORT_HEADER = 2
    const val LONG_HEADER = 9
}
