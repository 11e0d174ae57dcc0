package dev.zmqkt

/**
 * The ZeroMQ socket types zmq-kt implements. Each name is the one ZMTP puts in the `Socket-Type` property.
 *
 * | type | sends | receives | pattern |
 * |---|---|---|---|
 * | [PAIR] | to its one peer | from its one peer | exclusive pair (RFC 31) |
 * | [PUSH] | round-robin over peers | - | pipeline (RFC 30) |
 * | [PULL] | - | fair-queued from peers | pipeline (RFC 30) |
 */
public enum class SocketType(
    /** Whether this type can send. */
    public val canSend: Boolean,
    /** Whether this type can receive. */
    public val canReceive: Boolean,
) {
    /** Exclusive pair: exactly one peer, both directions (RFC 31). */
    PAIR(canSend = true, canReceive = true),

    /** Pipeline sender: round-robins messages to its peers (RFC 30). */
    PUSH(canSend = true, canReceive = false),

    /** Pipeline receiver: fair-queues messages from its peers (RFC 30). */
    PULL(canSend = false, canReceive = true),
    ;

    /** The name ZMTP uses for this type in the `Socket-Type` property. */
    public val zmtpName: String get() = name
}
