package dev.zmqkt

import dev.zmqkt.future.SocketFutures
import dev.zmqkt.internal.MonitorPublisher
import dev.zmqkt.internal.ModuleOnly
import dev.zmqkt.internal.SocketCore
import dev.zmqkt.internal.bindToRandomPort
import dev.zmqkt.internal.options.Option
import kotlinx.coroutines.flow.Flow
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * A ZeroMQ socket. Made by [Context.socket]; its [type] decides how messages are routed.
 *
 * ```kotlin
 * Context().use { ctx ->
 *     val pull = ctx.socket(SocketType.PULL)
 *     val endpoint = pull.bind("tcp://127.0.0.1:*")
 *     val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
 *     push.send(Message.of("hello"))
 *     println(pull.receive()[0].decodeToString())
 * }
 * ```
 *
 * Sending and receiving suspend instead of blocking a thread. Options are properties (see [SocketOptions]).
 * From Java, use [sendAsync]/[receiveAsync] (a `CompletableFuture`) or [sendBlocking]/[receiveBlocking].
 *
 * ### Concurrency
 * A socket may be used from several coroutines and threads at once. A message is sent and received whole. A
 * cancelled [receive] loses no message: the message stays queued for the next receive.
 */
public class Socket internal constructor(
    private val core: SocketCore,
    /** The context that made this socket. */
    public val context: Context,
    @Suppress("UNUSED_PARAMETER") token: ModuleOnly,
) : SocketOptions(), AutoCloseable {
    @get:JvmSynthetic
    internal override val socketType: SocketType get() = core.type

    @JvmSynthetic
    internal override fun <T> read(option: Option<T>): T = core.options.read(option)

    @JvmSynthetic
    internal override fun <T> write(option: Option<T>, value: T) {
        core.options.write(option, value)
    }

    @JvmSynthetic
    internal override fun <T> copy(option: Option<T>, from: SocketOptions) {
        core.options.copy(option, from)
    }

    /** The socket's type. */
    public val type: SocketType get() = core.type

    /** True once [close] was called (or the context closed). */
    public val isClosed: Boolean get() = core.isClosed

    /**
     * The last endpoint bound or connected, resolved (libzmq's ZMQ_LAST_ENDPOINT): after binding
     * `tcp://127.0.0.1:*` it holds the port chosen. Null before any bind or connect.
     */
    public val lastEndpoint: String? get() = core.endpoints.lastEndpoint

    /**
     * Binds to [endpoint] and starts accepting connections; returns the endpoint resolved (an ephemeral port
     * filled in, as `tcp://127.0.0.1:41234`).
     *
     * @throws InvalidEndpointException when the endpoint is malformed or the address cannot be used.
     * @throws AddressInUseException when another socket holds the address.
     * @throws UnsupportedTransportException for a transport other than tcp, ipc or inproc.
     */
    public fun bind(endpoint: String): String = core.endpoints.bind(endpoint)

    /**
     * Binds to a random port of [address] (a `tcp://` address without a port, such as `tcp://127.0.0.1`) in
     * [minPort] (inclusive) to [maxPort] (exclusive), trying up to [maxTries] ports; returns the port bound
     * (pyzmq's `bind_to_random_port`).
     *
     * @throws AddressInUseException ("Could not bind socket to random port.") when every port tried was in use.
     * @throws IllegalArgumentException when [address] is not a `tcp://` address without a port, or the port range
     *   or [maxTries] is empty.
     * @throws InvalidEndpointException and the other errors of [bind], which end the tries at once.
     */
    @JvmOverloads
    public fun bindToRandomPort(address: String, minPort: Int = 49152, maxPort: Int = 65536, maxTries: Int = 100): Int =
        bindToRandomPort(core.endpoints, address, minPort, maxPort, maxTries)

    /**
     * Connects to [endpoint]. Returns at once; the connection is made in the background and remade when lost
     * (see [reconnectInterval]). Unless [immediate] is set, messages can be sent to the peer at once: they wait
     * in its queue until the connection is up.
     *
     * @throws InvalidEndpointException when the endpoint is malformed.
     * @throws UnsupportedTransportException for a transport other than tcp, ipc or inproc.
     */
    public fun connect(endpoint: String) {
        core.endpoints.connect(endpoint)
    }

    /**
     * Stops listening on [endpoint] (as given to [bind], or as [bind] returned it) and closes the connections
     * accepted through it.
     *
     * @throws EndpointNotFoundException when the endpoint is not bound on this socket.
     */
    public fun unbind(endpoint: String) {
        core.endpoints.unbind(endpoint)
    }

    /**
     * Stops connecting to [endpoint] and closes its connection; messages queued to it get the [linger] time.
     *
     * @throws EndpointNotFoundException when the endpoint is not connected on this socket.
     */
    public fun disconnect(endpoint: String) {
        core.endpoints.disconnect(endpoint)
    }

    /**
     * Sends [message], suspending while no peer can take it (every queue at its high-water mark, or no peer).
     *
     * @throws AgainException when [sendTimeout] passes first.
     * @throws SocketClosedException, [ContextClosedException] when the socket or context is closed.
     * @throws OperationNotSupportedException when the socket type cannot send.
     */
    @JvmSynthetic
    public suspend fun send(message: Message): Unit = core.send(message)

    /**
     * Sends [message], waiting at most [timeout] for a peer to take it, whatever [sendTimeout] says; then raises
     * [AgainException] (rather than the `TimeoutCancellationException` of `withTimeout`).
     */
    @JvmSynthetic
    public suspend fun send(message: Message, timeout: Duration): Unit = core.send(message, timeout)

    /** Sends [message] if a peer can take it now, without waiting; false otherwise. */
    public fun trySend(message: Message): Boolean = core.trySend(message)

    /**
     * Receives the next message, suspending until one arrives.
     *
     * @throws AgainException when [receiveTimeout] passes first.
     * @throws SocketClosedException, [ContextClosedException] when the socket or context is closed.
     * @throws OperationNotSupportedException when the socket type cannot receive.
     */
    @JvmSynthetic
    public suspend fun receive(): Message = core.receive()

    /**
     * Receives the next message, waiting at most [timeout], whatever [receiveTimeout] says; then raises
     * [AgainException] (rather than the `TimeoutCancellationException` of `withTimeout`).
     */
    @JvmSynthetic
    public suspend fun receive(timeout: Duration): Message = core.receive(timeout)

    /** The next message if one is waiting, without waiting; null otherwise. */
    public fun tryReceive(): Message? = core.tryReceive()

    // ---- batches: one lock for many messages ----

    /**
     * Sends the messages of [messages] in order, as many as peers take now, without waiting; returns how many
     * were sent (the first ones). Each message goes whole; the socket is locked once for all of them, which is
     * cheaper than a [trySend] per message for a caller that has many.
     */
    public fun trySendAll(messages: List<Message>): Int = core.trySendAll(messages)

    /**
     * Sends every message of [messages] in order, each whole, waiting for room as needed (the batch form of
     * [send]: the socket is locked once per group of messages that fit, not once per message).
     *
     * @throws AgainException when [sendTimeout] passes first; its message says how many were sent (the first
     * ones). When the call is cancelled, the messages not yet sent stay unsent.
     */
    @JvmSynthetic
    public suspend fun sendAll(messages: List<Message>): Unit = core.sendAll(messages)

    /**
     * Up to [max] messages that are waiting now, in the order [receive] would return them, without waiting; an
     * empty list when none is. The socket is locked once for all of them.
     */
    public fun tryReceiveAll(max: Int): List<Message> = core.tryReceiveAll(max)

    /**
     * Waits for a message, then returns it with whatever else is waiting, up to [max] in all (the batch form of
     * [receive]). A cancelled call loses no message.
     *
     * @throws AgainException when [receiveTimeout] passes first.
     */
    @JvmSynthetic
    public suspend fun receiveAvailable(max: Int): List<Message> = core.receiveAvailable(max)

    /**
     * Subscribes to messages whose first frame starts with [prefix] (SUB and XSUB; the empty prefix matches
     * everything). Subscriptions are counted: subscribing twice needs two [unsubscribe]s. On an XPUB in
     * [xpubManual] mode, applies the subscription for the subscriber whose subscription was received last.
     *
     * @throws InvalidOptionException for other socket types.
     */
    public fun subscribe(prefix: ByteArray) {
        core.subscribe(prefix)
    }

    /** Subscribes to messages whose first frame starts with [prefix] encoded as UTF-8. */
    public fun subscribe(prefix: String) {
        core.subscribe(prefix.toByteArray(Charsets.UTF_8))
    }

    /** Undoes one [subscribe] of [prefix]. */
    public fun unsubscribe(prefix: ByteArray) {
        core.unsubscribe(prefix)
    }

    /** Undoes one [subscribe] of [prefix] encoded as UTF-8. */
    public fun unsubscribe(prefix: String) {
        core.unsubscribe(prefix.toByteArray(Charsets.UTF_8))
    }

    /**
     * A flow of this socket's monitor events of [types] (all types when none are given). Events are buffered
     * from this call on, so call it before [bind] or [connect] to see their events. Collect it once; it ends
     * after [SocketEventType.MONITOR_STOPPED] when the socket closes, and stops monitoring when its collector
     * is cancelled.
     */
    public fun monitor(vararg types: SocketEventType): Flow<SocketEvent> = core.monitor(types.toSet())

    /**
     * Publishes this socket's monitor events of [types] (all when none are given) on a PAIR socket bound at
     * [endpoint], which must be `inproc://`, in libzmq's format, as `zmq_socket_monitor` does: connect a PAIR
     * socket to [endpoint] and read each event with [SocketEvent.fromMonitorMessage]. Events wait until that
     * PAIR connects. A second call replaces the first monitor.
     *
     * @throws UnsupportedTransportException when [endpoint] is not inproc.
     */
    public fun monitor(endpoint: String, vararg types: SocketEventType) {
        core.startMonitor(endpoint, types.toSet())
    }

    /** Stops the monitor started by `monitor(endpoint)`, after sending MONITOR_STOPPED when that was asked for. */
    public fun stopMonitor() {
        core.stopMonitor()
    }

    /**
     * Monitors this socket's events of [types] (all when none are given) and returns a PAIR socket, already
     * connected, that receives them in libzmq's format (pyzmq's `get_monitor_socket`): read each with
     * [SocketEvent.fromMonitorMessage]. It replaces an earlier monitor; the PAIR is the caller's to close (after
     * [disableMonitor] or once this socket is closed, the last event is MONITOR_STOPPED when asked for).
     */
    public fun monitorSocket(vararg types: SocketEventType): Socket {
        val endpoint = MonitorPublisher.uniqueEndpoint()
        core.startMonitor(endpoint, types.toSet())
        return context.socket(SocketType.PAIR).apply {
            try {
                connect(endpoint)
            } catch (e: Exception) {
                close()
                throw e
            }
        }
    }

    /** Stops the monitor of [monitorSocket] or `monitor(endpoint)`: pyzmq's `disable_monitor`, same as [stopMonitor]. */
    public fun disableMonitor() {
        core.stopMonitor()
    }

    // ---- Java face ----

    /**
     * [send] as a future, for Java. The future fails with the exceptions [send] throws. Cancelling a send that is
     * still waiting withdraws the message: when `cancel` returns true the message was not sent and will not be.
     */
    public fun sendAsync(message: Message): CompletableFuture<Void?> = SocketFutures.send(core, message)

    /** [receive] as a future, for Java. Cancelling the future loses no message. */
    public fun receiveAsync(): CompletableFuture<Message> = SocketFutures.receive(core)

    /**
     * [sendAll] as a future, for Java. Cancelling it while it waits leaves the messages not yet sent unsent (the
     * first ones may have gone); the [sendTimeout] bounds the whole call.
     */
    public fun sendAllAsync(messages: List<Message>): CompletableFuture<Void?> = SocketFutures.sendAll(core, messages)

    /** [receiveAvailable] as a future, for Java. Cancelling the future loses no message. */
    public fun receiveAvailableAsync(max: Int): CompletableFuture<List<Message>> = SocketFutures.receiveAvailable(core, max)

    /** [sendAll], blocking the calling thread for at most [timeout] in all; then raises [AgainException]. */
    @Throws(InterruptedException::class)
    public fun sendAllBlocking(messages: List<Message>, timeout: Duration) {
        core.sendAllBlocking(messages, timeout)
    }

    /** [sendAll], blocking the calling thread, up to [sendTimeout] in all. */
    @Throws(InterruptedException::class)
    public fun sendAllBlocking(messages: List<Message>) {
        core.sendAllBlocking(messages, core.options.sendTimeout)
    }

    /** [receiveAvailable], blocking the calling thread for at most [timeout]; then raises [AgainException]. */
    @Throws(InterruptedException::class)
    public fun receiveAvailableBlocking(max: Int, timeout: Duration): List<Message> =
        core.receiveAvailableBlocking(max, timeout)

    /** [receiveAvailable], blocking the calling thread, up to [receiveTimeout]. */
    @Throws(InterruptedException::class)
    public fun receiveAvailableBlocking(max: Int): List<Message> =
        core.receiveAvailableBlocking(max, core.options.receiveTimeout)

    /** Sends [message], blocking the calling thread, up to [sendTimeout]. */
    @Throws(InterruptedException::class)
    public fun sendBlocking(message: Message) {
        core.sendBlocking(message)
    }

    /** Sends [message], blocking the calling thread for at most [timeout]; then raises [AgainException]. */
    @Throws(InterruptedException::class)
    public fun sendBlocking(message: Message, timeout: Duration) {
        core.sendBlocking(message, timeout)
    }

    /** Receives the next message, blocking the calling thread, up to [receiveTimeout]. */
    @Throws(InterruptedException::class)
    public fun receiveBlocking(): Message = core.receiveBlocking()

    /** Receives the next message, blocking the calling thread for at most [timeout]; then raises [AgainException]. */
    @Throws(InterruptedException::class)
    public fun receiveBlocking(timeout: Duration): Message = core.receiveBlocking(timeout)

    /**
     * Closes the socket. Returns at once: messages still queued for sending are delivered in the background for
     * up to [linger] (its value now); [Context.close] waits for that. Pending and later calls, setting options
     * included, fail with [SocketClosedException].
     */
    override fun close() {
        core.close()
    }

    /**
     * Closes the socket with [linger] instead of the [linger] option (pyzmq's `close(linger)`). On a socket already
     * closed and still lingering, a shorter [linger] cuts the wait short (closing again with [Duration.ZERO]
     * drops what is left at once); a longer one changes nothing.
     *
     * @throws IllegalArgumentException when [linger] is negative.
     */
    public fun close(linger: Duration) {
        core.close(checkLinger(linger))
    }

    override fun toString(): String = "Socket(${type.name}${lastEndpoint?.let { ", $it" } ?: ""})"
}
