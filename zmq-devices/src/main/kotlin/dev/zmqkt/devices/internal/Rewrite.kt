package dev.zmqkt.devices.internal

import dev.zmqkt.Frame
import dev.zmqkt.Message

/**
 * What a relay sends for each message it takes: the message to forward, and the copy for the capture socket. A
 * proxy sends both unchanged ([Unchanged]); pyzmq's monitored queue swaps the routing ids between two ROUTERs
 * and prefixes the copy with the side it came from ([MonitoredQueueRewrite]).
 */
internal interface Rewrite {
    /** The message to send on, for [message] as received. */
    fun forwarded(message: Message): Message

    /** The copy for the capture socket, for [forwarded] (the result of [forwarded]). */
    fun captured(forwarded: Message): Message

    /** Sends both unchanged: libzmq's proxy. */
    object Unchanged : Rewrite {
        override fun forwarded(message: Message): Message = message
        override fun captured(forwarded: Message): Message = forwarded
    }
}

/**
 * pyzmq's `monitored_queue` rules: when both sockets are ROUTERs ([swapIds]) the first two frames (the sender's
 * routing id and the routing id of the peer to send to) change places, so the message goes to the peer it names
 * and arrives carrying the sender's id; the monitor copy is [prefix] followed by the message as forwarded.
 */
internal class MonitoredQueueRewrite(private val prefix: ByteArray, private val swapIds: Boolean) : Rewrite {
    override fun forwarded(message: Message): Message {
        if (!swapIds || message.size < 2) return message
        val frames = message.frames.toMutableList()
        frames[0] = message[1]
        frames[1] = message[0]
        return Message(frames)
    }

    override fun captured(forwarded: Message): Message = forwarded.prepend(Frame.of(prefix))
}
