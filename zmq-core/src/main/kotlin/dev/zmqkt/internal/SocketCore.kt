package dev.zmqkt.internal

import dev.zmqkt.AgainException
import dev.zmqkt.ContextClosedException
import dev.zmqkt.Message
import dev.zmqkt.SocketClosedException
import dev.zmqkt.SocketType
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.internal.options.OptionTable
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.pipe.PipeListener
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.session.SessionOwner
import dev.zmqkt.internal.sockets.SocketBehavior
import dev.zmqkt.internal.sync.Signal
import dev.zmqkt.internal.sync.blockUntil
import dev.zmqkt.internal.sync.waitUntil
import dev.zmqkt.internal.transport.inproc.InprocRegistry
import io.ktor.network.selector.SelectorManager
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.launch
import kotlinx.coroutines.flow.Flow
import dev.zmqkt.SocketEvent
import dev.zmqkt.SocketEventType
import java.time.Duration

/**
 * The state behind a public `Socket`: its type's [SocketBehavior], its peers' links, the signals send and
 * receive wait on, and its lifecycle. Bind and connect live in [SocketEndpoints].
 *
 * ### Concurrency
 * Every change to links and routing happens under [lock], which is never held across a suspension. Waiting
 * uses the event-count pattern of [Signal]: read the version, try, and wait only if the version did not move.
 * A receive takes a message only in [tryReceive], never while suspended, so cancelling a waiting receive
 * cannot lose a message.
 */
internal class SocketCore(val context: ContextCore, override val type: SocketType) : SessionOwner {
    override val options: OptionValues = OptionValues(type) { checkOpen() }.also { it.takeDefaults(context.defaultOptions) }
    val lock = Any()
    val sendReady = Signal()
    val receiveReady = Signal()
    override val events = SocketEvents()
    override val job = SupervisorJob(context.job)
    override val scope = CoroutineScope(context.scope.coroutineContext + job + CoroutineName("zmq-kt-${type.name}"))
    val endpoints = SocketEndpoints(this)
    private val behavior = SocketBehavior.create(type, options)

    private val links = LinkedHashSet<PeerLink>()

    /** Messages taken for a Java future that was cancelled at the same moment; delivered first. */
    private val returned = ArrayDeque<Message>()

    @Volatile
    override var isClosed = false
        private set

    override val dispatcher: CoroutineDispatcher get() = context.dispatcher
    override val bufferPool: BufferPool get() = context.bufferPool
    override val selectorManager: SelectorManager get() = context.selectorManager
    override val inproc: InprocRegistry get() = context.inproc

    override fun nextConnectionId(): Long = context.nextConnectionId()

    /**
     * Hears messages arrive. Publishers apply subscriptions at once, here, under the socket's lock: this runs on
     * the thread that queued them, holding no lock of this socket's (only SUB/XSUB queue to publishers, and their
     * own listeners take no lock, so locks are never taken in a cycle).
     */
    private val inboundListener = if (behavior.readsInboundEagerly) {
        PipeListener {
            val forUser = synchronized(lock) { !isClosed && behavior.readInbound() }
            if (forUser) receiveReady.signal()
        }
    } else {
        PipeListener { receiveReady.signal() }
    }
    private val outboundListener = PipeListener { sendReady.signal() }

    /**
     * Whether a connecting socket of this type links to its peer before the connection exists (so messages can
     * queue for it). Not for ROUTER, which can only name a peer once it has connected and announced itself.
     */
    override val linksBeforeConnection: Boolean get() = type != SocketType.ROUTER

    /** Whether this socket's queues keep only the newest message (ZMQ_CONFLATE, for the types libzmq allows). */
    override val conflates: Boolean get() = options.conflate && OptionTable.CONFLATE.appliesTo(type)

    /** A new link with this socket's HWMs; the socket's side listens to it. Not attached yet. */
    override fun newLink(endpoint: String): PeerLink =
        newLink(endpoint, Pipe(options.receiveHighWaterMark, conflates), Pipe(options.sendHighWaterMark, conflates))

    /** A new link over given pipes (inproc shares them with the peer socket); the socket's side listens to it. */
    override fun newLink(endpoint: String, inbound: Pipe, outbound: Pipe): PeerLink {
        val link = PeerLink(inbound, outbound, endpoint)
        link.inbound.readerListener = PipeListener { pipe ->
            link.inboundReadable() // first, so the fair queue has the link back before a receiver looks
            inboundListener.onPipeEvent(pipe)
        }
        link.outbound.writerListener = outboundListener
        return link
    }

    /** Offers [link] to the socket type; false when refused or the socket is closed. */
    override fun attach(link: PeerLink): Boolean {
        synchronized(lock) {
            if (isClosed) return false
            val probe = options.probeRouter && OptionTable.PROBE_ROUTER.appliesTo(type)
            // The probe must be the first message the peer sees, so it is queued before the link is routable.
            if (probe && link.outbound.offer(Message.single(dev.zmqkt.Frame.EMPTY)) == Pipe.CLOSED) return false
            if (!behavior.attach(link)) return false
            links.add(link)
        }
        sendReady.signal()
        receiveReady.signal()
        return true
    }

    /** [link]'s connection was lost and is back (a connecting socket's link outlives its connections). */
    override fun reconnected(link: PeerLink) {
        synchronized(lock) { if (!link.detached) behavior.reconnected(link) }
    }

    /** Subscribes (SUB, XSUB, manual XPUB) to messages starting with [prefix]. */
    fun subscribe(prefix: ByteArray) {
        synchronized(lock) {
            checkOpen()
            behavior.subscribe(prefix)
        }
    }

    fun unsubscribe(prefix: ByteArray) {
        synchronized(lock) {
            checkOpen()
            behavior.unsubscribe(prefix)
        }
    }

    /** The peer behind [link] is gone; its inbound messages remain readable until drained. */
    override fun detach(link: PeerLink) {
        synchronized(lock) {
            if (!links.remove(link)) return
            link.detached = true
            behavior.detach(link)
        }
        sendReady.signal()
        receiveReady.signal()
    }

    // ---- sending ----

    fun trySend(message: Message): Boolean = synchronized(lock) {
        checkOpen()
        behavior.trySend(message)
    }

    // send and receive try first and call a separate suspending function only to wait, so a call that completes
    // at once is a plain call: no continuation object is allocated for it.
    // The timeout option is read only when the call has to wait: a call that completes at once reads no option.
    suspend fun send(message: Message) {
        if (!trySend(message)) sendWaiting(message, options.sendTimeout)
    }

    suspend fun send(message: Message, timeout: Duration?) {
        if (!trySend(message)) sendWaiting(message, timeout)
    }

    fun sendBlocking(message: Message) {
        if (!trySend(message)) sendBlocking(message, options.sendTimeout)
    }

    private suspend fun sendWaiting(message: Message, timeout: Duration?) {
        waitUntil(sendReady, timeout, "send") { trySend(message) }
    }

    fun sendBlocking(message: Message, timeout: Duration?) {
        blockUntil(sendReady, timeout, "send") { trySend(message) }
    }

    /**
     * Sends messages of [messages] from index [from] on, in order, as many as peers take now, under one lock;
     * returns how many were sent. A failure (e.g. an unroutable message with routerMandatory) is raised after
     * the messages before it were sent.
     */
    fun trySendAll(messages: List<Message>, from: Int = 0): Int = synchronized(lock) {
        checkOpen()
        var next = from
        while (next < messages.size && behavior.trySend(messages[next])) next++
        next - from
    }

    /**
     * Sends every message of [messages] in order, waiting for room as needed, for at most [timeout] in all. A
     * timeout says how many were sent (the first ones); cancelling leaves the rest unsent.
     */
    suspend fun sendAll(messages: List<Message>, timeout: Duration? = options.sendTimeout) {
        var next = 0
        try {
            waitUntil(sendReady, timeout, "send") { next += trySendAll(messages, next); next == messages.size }
        } catch (e: AgainException) {
            throw partlySent(timeout!!, next, messages.size)
        }
    }

    fun sendAllBlocking(messages: List<Message>, timeout: Duration?) {
        var next = 0
        try {
            blockUntil(sendReady, timeout, "send") { next += trySendAll(messages, next); next == messages.size }
        } catch (e: AgainException) {
            throw partlySent(timeout!!, next, messages.size)
        }
    }

    fun partlySent(timeout: Duration, sent: Int, total: Int) = AgainException(
        "send timed out after ${timeout.toMillis()} ms on a ${type.name} socket; the first $sent of $total messages were sent",
    )

    // ---- receiving ----

    fun tryReceive(): Message? = synchronized(lock) {
        checkOpen()
        nextMessage()
    }

    /** The next message to hand out: one put back first, then the socket type's; under [lock]. */
    private fun nextMessage(): Message? = returned.removeFirstOrNull() ?: behavior.tryReceive()

    suspend fun receive(): Message = tryReceive() ?: receiveWaiting(options.receiveTimeout)

    suspend fun receive(timeout: Duration?): Message = tryReceive() ?: receiveWaiting(timeout)

    fun receiveBlocking(): Message = tryReceive() ?: receiveBlocking(options.receiveTimeout)

    private suspend fun receiveWaiting(timeout: Duration?): Message {
        var result: Message? = null
        waitUntil(receiveReady, timeout, "receive") { tryReceive()?.also { result = it } != null }
        return result!!
    }

    fun receiveBlocking(timeout: Duration?): Message {
        var result: Message? = null
        blockUntil(receiveReady, timeout, "receive") { tryReceive()?.also { result = it } != null }
        return result!!
    }

    /** Up to [max] messages waiting now, in order, taken under one lock; empty when none is waiting. */
    fun tryReceiveAll(max: Int): List<Message> {
        require(max > 0) { "max must be positive, got $max" }
        synchronized(lock) {
            checkOpen()
            var first = nextMessage() ?: return emptyList()
            val taken = ArrayList<Message>(minOf(max, 64))
            while (true) {
                taken.add(first)
                if (taken.size == max) return taken
                first = nextMessage() ?: return taken
            }
        }
    }

    suspend fun receiveAvailable(max: Int, timeout: Duration? = options.receiveTimeout): List<Message> {
        var result: List<Message> = emptyList()
        waitUntil(receiveReady, timeout, "receive") { tryReceiveAll(max).also { result = it }.isNotEmpty() }
        return result
    }

    fun receiveAvailableBlocking(max: Int, timeout: Duration?): List<Message> {
        var result: List<Message> = emptyList()
        blockUntil(receiveReady, timeout, "receive") { tryReceiveAll(max).also { result = it }.isNotEmpty() }
        return result
    }

    /** Puts back a message that was received for a caller who had gone; it is the next one received. */
    fun returnMessage(message: Message) {
        synchronized(lock) { returned.addFirst(message) }
        receiveReady.signal()
    }

    // ---- waiting ----

    private suspend inline fun waitUntil(signal: Signal, timeout: Duration?, what: String, attempt: () -> Boolean) =
        signal.waitUntil(timeout, context.dispatcher, { timedOut(what, timeout!!) }, attempt)

    private inline fun blockUntil(signal: Signal, timeout: Duration?, what: String, attempt: () -> Boolean) =
        signal.blockUntil(timeout, what, { timedOut(what, timeout!!) }, attempt)

    fun timedOut(what: String, timeout: Duration) =
        AgainException("$what timed out after ${timeout.toMillis()} ms on a ${type.name} socket")

    fun checkOpen() {
        if (context.isClosed) throw ContextClosedException("the context of this ${type.name} socket is closed")
        if (isClosed) throw SocketClosedException("this ${type.name} socket is closed")
    }

    // ---- closing ----

    private val lingerDeadline = LingerDeadline(context.scope)

    /**
     * Closes the socket: pending and later calls fail, listeners stop, and queued outbound messages are
     * delivered for up to the linger time (the [linger] given, else the option's) in the background. Returns at
     * once. On a socket already closed, a [linger] shorter than what is left of its lingering takes over.
     */
    fun close(linger: Duration? = null) {
        val toClose: List<PeerLink>
        synchronized(lock) {
            if (isClosed) {
                lingerDeadline.limit(linger)
                return
            }
            isClosed = true
            toClose = links.toList()
            links.clear()
            for (l in toClose) l.detached = true
        }
        sendReady.signal()
        receiveReady.signal()
        for (l in toClose) l.closeFromSocket()
        endpoints.closeAll()
        lingerDeadline.limit(linger ?: options.linger)
        context.scope.launch {
            lingerDeadline.await(job.children.toList())
            job.cancel()
            job.join()
            events.stopAll()
            stopMonitor()
            context.sockets.remove(this@SocketCore)
        }
        job.complete()
    }

    private val monitoring = SocketMonitoring(this)

    /** Starts (or replaces) the libzmq-format monitor publishing on a PAIR bound at [endpoint]. */
    fun startMonitor(endpoint: String, types: Set<SocketEventType>) = monitoring.start(endpoint, types)

    fun stopMonitor() = monitoring.stop()

    /** A flow of this socket's events of [types] (all when empty), buffered from this call on. */
    fun monitor(types: Set<SocketEventType>): Flow<SocketEvent> = monitoring.flow(types)
}
