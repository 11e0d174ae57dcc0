@file:JvmName("Proxies")

package dev.zmqkt.devices

import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.MonitoredQueueRewrite
import dev.zmqkt.devices.internal.ProxyCore
import dev.zmqkt.devices.internal.SteeringLoop
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.future.future
import kotlinx.coroutines.runBlocking
import java.util.concurrent.CompletableFuture

/**
 * Moves messages between [frontend] and [backend], both ways, until cancelled or a socket closes (libzmq's
 * `zmq_proxy`, pyzmq's `zmq.proxy`). Every message also goes to [capture] when given, whole.
 *
 * The classic shapes:
 * - ROUTER frontend, DEALER backend: a shared queue (request-reply broker) between clients and workers;
 * - XSUB frontend, XPUB backend: a forwarder; subscriptions travel from the XPUB's subscribers to the XSUB's
 *   publishers (set XPUB options such as [Socket.xpubVerbose] and [Socket.xpubWelcomeMessage] on the backend);
 * - PULL frontend, PUSH backend: a streamer.
 *
 * ```kotlin
 * val frontend = ctx.socket(SocketType.ROUTER).apply { bind("tcp://0.0.0.0:5559") }
 * val backend = ctx.socket(SocketType.DEALER).apply { bind("tcp://0.0.0.0:5560") }
 * val broker = launch { proxy(frontend, backend) }   // until broker.cancel() or a socket closes
 * ```
 *
 * ### Flow control
 * Both directions run at once, each moving batches of up to 256 messages per lock of a socket. A direction takes
 * more only once it delivered what it took, so when the far side is at its high-water mark the proxy stops
 * reading the near side: the high-water marks hold end to end and the proxy never holds more than one batch per
 * direction. The sockets' send and receive timeouts do not apply: the proxy waits as long as it must.
 *
 * ### How it ends
 * It never returns normally. Cancelling the calling coroutine ends it with a `CancellationException`; closing
 * one of its sockets or their context ends it with [dev.zmqkt.SocketClosedException] or
 * [dev.zmqkt.ContextClosedException] (libzmq's `zmq_proxy` returns with `ETERM` there). A failure of a socket,
 * such as [dev.zmqkt.HostUnreachableException] from a ROUTER with [Socket.routerMandatory], ends it with that
 * error, as it ends libzmq's. Messages the proxy had taken but not yet delivered (at most one batch per direction)
 * then go to the far side if it takes them at once, and are dropped otherwise, as libzmq drops the message in
 * hand when its context ends. The sockets stay open: they are the caller's.
 *
 * [frontend] and [backend] may be the same socket; the proxy then sends what that socket receives back out of it.
 */
@JvmSynthetic
public suspend fun proxy(frontend: Socket, backend: Socket, capture: Socket? = null): Nothing {
    val core = ProxyCore(frontend, backend, capture)
    try {
        core.run()
    } finally {
        core.handOffHeld()
    }
}

/**
 * [proxy] that obeys commands on [control] (libzmq 4.3's `zmq_proxy_steerable`): [ProxyCommand.PAUSE],
 * [ProxyCommand.RESUME], [ProxyCommand.TERMINATE] and [ProxyCommand.STATISTICS], each a one-frame message of
 * that text. Returns normally after TERMINATE; otherwise ends as [proxy] does. Without a control socket it is
 * [proxy].
 *
 * - PAUSE: nothing moves until RESUME. A message the proxy had taken when PAUSE came is not lost: it is delivered
 *   first on RESUME (or on TERMINATE); new messages wait in the sockets, whose high-water marks apply.
 * - TERMINATE: the proxy takes nothing more, delivers what it had taken (waiting for room if the far side is full,
 *   as libzmq, which forwards a message it took before it reads the next command) and returns.
 * - STATISTICS: the proxy replies on [control] with the counters; read them with [ProxyStatistics.fromMessage].
 *
 * [control] may be a PAIR, SUB or REP socket. A REP control socket gets an empty reply to each other command
 * (libzmq 4.3.5's rule, so the next command can follow), PAIR and SUB get none. A message that is no command
 * is ignored. Commands are not copied to [capture].
 */
@JvmSynthetic
public suspend fun proxySteerable(frontend: Socket, backend: Socket, capture: Socket? = null, control: Socket? = null) {
    if (control == null) proxy(frontend, backend, capture)
    val core = ProxyCore(frontend, backend, capture)
    try {
        SteeringLoop(core, control).run()
    } finally {
        core.handOffHeld()
    }
}

/**
 * pyzmq's `monitored_queue`: a [proxy] between [inSocket] and [outSocket] that sends every message it moves to
 * [monSocket] too, prefixed with a frame saying where it came from: [inPrefix] for messages from [inSocket],
 * [outPrefix] for those from [outSocket].
 *
 * When both sockets are ROUTERs, the first two frames of each message change places (pyzmq's rule): a client
 * sends `[worker id, body...]`, the queue receives `[client id, worker id, body...]` and sends
 * `[worker id, client id, body...]` out, so the worker receives `[client id, body...]` and answers the same way.
 * The monitor copy shows the message as forwarded, after its prefix.
 *
 * Flow control and ending are those of [proxy].
 */
@JvmSynthetic
public suspend fun monitoredQueue(
    inSocket: Socket,
    outSocket: Socket,
    monSocket: Socket,
    inPrefix: ByteArray = DEFAULT_IN_PREFIX,
    outPrefix: ByteArray = DEFAULT_OUT_PREFIX,
): Nothing {
    val swapIds = inSocket.type == SocketType.ROUTER && outSocket.type == SocketType.ROUTER
    val core = ProxyCore(
        inSocket, outSocket, monSocket,
        MonitoredQueueRewrite(inPrefix.copyOf(), swapIds), MonitoredQueueRewrite(outPrefix.copyOf(), swapIds),
    )
    try {
        core.run()
    } finally {
        core.handOffHeld()
    }
}

private val DEFAULT_IN_PREFIX = "in".toByteArray()
private val DEFAULT_OUT_PREFIX = "out".toByteArray()

// ---- Java face ----

/**
 * Where the futures of this file run their proxy: a shared pool, as a Java caller has no coroutine scope. A
 * supervisor, so that one proxy ending with an error does not cancel the others.
 */
private val futureScope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

/**
 * [proxy] running in the background, for Java. The future completes exceptionally when the proxy ends (a socket
 * or the context closed: [dev.zmqkt.SocketClosedException], [dev.zmqkt.ContextClosedException]); cancelling it
 * stops the proxy.
 */
@JvmOverloads
public fun proxyAsync(frontend: Socket, backend: Socket, capture: Socket? = null): CompletableFuture<Void?> =
    futureScope.future<Void?> { proxy(frontend, backend, capture) }

/**
 * [proxySteerable] running in the background, for Java. The future completes normally after TERMINATE, and
 * exceptionally when a socket or the context closes; cancelling it stops the proxy.
 */
public fun proxySteerableAsync(frontend: Socket, backend: Socket, capture: Socket?, control: Socket?): CompletableFuture<Void?> =
    futureScope.future<Void?> {
        proxySteerable(frontend, backend, capture, control)
        null
    }

/** [monitoredQueue] running in the background, for Java; ends as [proxyAsync] does. */
@JvmOverloads
public fun monitoredQueueAsync(
    inSocket: Socket,
    outSocket: Socket,
    monSocket: Socket,
    inPrefix: ByteArray = DEFAULT_IN_PREFIX,
    outPrefix: ByteArray = DEFAULT_OUT_PREFIX,
): CompletableFuture<Void?> = futureScope.future<Void?> { monitoredQueue(inSocket, outSocket, monSocket, inPrefix, outPrefix) }

/**
 * [proxy] on the calling thread, for Java (as `zmq_proxy` and JeroMQ's `ZMQ.proxy` block): returns only by
 * throwing, when a socket or the context closes, or with [InterruptedException] when the thread is interrupted.
 */
@JvmOverloads
@Throws(InterruptedException::class)
public fun proxyBlocking(frontend: Socket, backend: Socket, capture: Socket? = null) {
    runBlocking { proxy(frontend, backend, capture) }
}

/**
 * [proxySteerable] on the calling thread, for Java: returns after TERMINATE; throws when a socket or the context
 * closes, or [InterruptedException] when the thread is interrupted.
 */
@Throws(InterruptedException::class)
public fun proxySteerableBlocking(frontend: Socket, backend: Socket, capture: Socket?, control: Socket?) {
    runBlocking { proxySteerable(frontend, backend, capture, control) }
}

/** [monitoredQueue] on the calling thread, for Java; ends as [proxyBlocking] does. */
@JvmOverloads
@Throws(InterruptedException::class)
public fun monitoredQueueBlocking(
    inSocket: Socket,
    outSocket: Socket,
    monSocket: Socket,
    inPrefix: ByteArray = DEFAULT_IN_PREFIX,
    outPrefix: ByteArray = DEFAULT_OUT_PREFIX,
) {
    runBlocking { monitoredQueue(inSocket, outSocket, monSocket, inPrefix, outPrefix) }
}
