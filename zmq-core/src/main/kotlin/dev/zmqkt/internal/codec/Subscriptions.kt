@file:OptIn(dev.zmqkt.DelicateZmqApi::class)

package dev.zmqkt.internal.codec

import dev.zmqkt.Frame
import dev.zmqkt.Message

/**
 * Subscriptions as messages, the form XPUB users see and ZMTP 3.0 peers send: one frame, `0x01` (subscribe) or
 * `0x00` (cancel) followed by the prefix. ZMTP 3.1 peers send SUBSCRIBE and CANCEL commands instead; the engine
 * converts between the two.
 */
internal object Subscriptions {
    const val SUBSCRIBE: Byte = 1
    const val CANCEL: Byte = 0

    fun message(kind: Byte, prefix: ByteArray): Message {
        val body = ByteArray(prefix.size + 1)
        body[0] = kind
        prefix.copyInto(body, 1)
        return Message.single(Frame.of(body))
    }

    /** Whether [message] is a subscription or cancel message. */
    fun isSubscription(message: Message): Boolean {
        if (message.size != 1) return false
        val first = message[0]
        return first.size > 0 && (first[0] == SUBSCRIBE || first[0] == CANCEL)
    }

    /** The prefix of a subscription message. */
    fun prefixOf(message: Message): ByteArray {
        val bytes = message[0].bytes()
        return bytes.copyOfRange(1, bytes.size)
    }
}
