package dev.zmqkt.flow

import dev.zmqkt.ContextClosedException
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketClosedException
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flow

/**
 * The messages this socket receives, as a cold [Flow]: each collection receives one message at a time until the
 * collector stops, and completes normally when the socket or its context is closed.
 *
 * This is the coroutine form of pyzmq's `ZMQStream.on_recv`: instead of a callback, collect the flow.
 *
 * ```kotlin
 * pull.messages()
 *     .map { it[0].decodeToString() }
 *     .take(10)
 *     .collect { println(it) }
 * ```
 *
 * A message is only taken from the socket when the collector asks for the next one, so stopping the collection
 * (with `take`, `first`, or cancellation) leaves every later message queued on the socket.
 */
public fun Socket.messages(): Flow<Message> = flow {
    while (true) {
        val message = try {
            receive()
        } catch (e: SocketClosedException) {
            return@flow
        } catch (e: ContextClosedException) {
            return@flow
        }
        emit(message)
    }
}

/**
 * Sends every message of this flow to [socket], in order, waiting whenever the socket cannot take more (its
 * high-water mark is reached). Returns when the flow completes. The coroutine form of `ZMQStream.send` plus
 * `flush`.
 */
public suspend fun Flow<Message>.sendTo(socket: Socket) {
    collect { socket.send(it) }
}
