@file:OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)

package dev.zmqkt.internal.engine

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Subscriptions
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameDecoder
import dev.zmqkt.internal.codec.ZmtpProtocolException
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.routing.PeerLink
import dev.zmqkt.internal.pipe.PipeListener
import dev.zmqkt.internal.sync.Signal
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelChildren
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.IOException
import java.nio.ByteBuffer
import java.util.concurrent.ConcurrentLinkedQueue

/**
 * Drives one ZMTP connection (libzmq's stream engine): the [Handshake], then traffic between the connection
 * and a [PeerLink] until either side ends.
 *
 * ### Traffic
 * Two coroutines share the connection. The reader reads as much as the kernel has (up to one pooled buffer),
 * decodes every complete frame, and hands messages to the link's inbound pipe in batches, one lock per batch.
 * When the pipe is at its HWM the reader stops reading, so the peer is slowed by TCP flow control. The writer
 * flushes through an [OutputFlusher]: every queued command and message encoded into one pooled buffer and written
 * with one system call; a sender that finds the outbound pipe full flushes it too, from its own thread, so
 * replies do not pile up (and get dropped by a ROUTER) behind a writer waiting for a thread. Each tries I/O first
 * and waits on the selector only when the kernel says "not now"; each holds a pooled buffer only while it has
 * bytes in it, so an idle connection holds none. Each starts with a small buffer and moves to a large one while a
 * read or an encode keeps filling it (see [BufferPool]).
 *
 * An engine is used once; a reconnecting session makes a new one per connection.
 */
internal class ZmtpEngine(
    private val connection: StreamConnection,
    private val host: EngineHost,
) {
    private val options = host.options
    private val pool = host.bufferPool
    private val decoder = FrameDecoder(options.maxMessageSize ?: -1L, HANDSHAKE_COMMAND_LIMIT)

    /** Command frames (bodies) waiting for the writer: PONGs and PINGs. */
    private val commands = ConcurrentLinkedQueue<ByteArray>()

    /** Moves when the inbound pipe has room again. */
    private val readerWake = Signal()

    /** Moves when the outbound pipe has messages or a command is queued. */
    private val writerWake = Signal()

    @Volatile
    private var lastInputNanos = System.nanoTime()

    /** The reader's pooled buffer, held in a field so it is released however the engine ends. */
    private var readBuffer: ByteBuffer? = null

    /** The mechanism's frame codec (CURVE), or null when frames travel as they are. */
    private var codec: FrameCodec? = null

    /** Whether outgoing subscription messages become SUBSCRIBE/CANCEL commands (a 3.1 peer, a SUB or XSUB socket). */
    private var subscriptionsAsCommands = false

    private lateinit var traffic: CoroutineScope
    private lateinit var exit: CompletableDeferred<EngineExit>
    private val heartbeat = Heartbeat(options, ::queuePing) { lastInputNanos }
    private var heartbeatJob: Job? = null

    /** Runs the connection to its end and closes it. Returns why it ended. */
    suspend fun run(): EngineExit {
        try {
            val buffer = pool.acquire().also { readBuffer = it }
            val handshake = Handshake(connection, host, decoder, buffer)
            handshake.perform(options.handshakeInterval)?.let { return it }
            // Subscriptions travel as commands to ZMTP 3.1 peers, and as 0x01/0x00 messages to 3.0 peers.
            subscriptionsAsCommands = handshake.peerGreeting!!.isZmtp31OrLater &&
                (host.socketType == SocketType.SUB || host.socketType == SocketType.XSUB)
            val mechanism = handshake.mechanism!!
            val link = host.handshakeSucceeded(mechanism.peerProperties)
                ?: return EngineExit.Refused("the socket refused the peer")
            decoder.maxCommandSize = TRAFFIC_COMMAND_LIMIT
            decoder.metadata = ConnectionMetadata.of(connection.peerAddress, handshake.context.zapReply, mechanism.peerProperties)
            codec = mechanism.frameCodec
            decoder.codec = codec
            return runTraffic(link)
        } finally {
            readBuffer?.let { pool.release(it) }
            readBuffer = null
            connection.close()
        }
    }

    private suspend fun runTraffic(link: PeerLink): EngineExit {
        val flusher = OutputFlusher(connection, pool, link.outbound, commands, subscriptionsAsCommands, writerWake, codec)
        link.inbound.writerListener = PipeListener { readerWake.signal() }
        link.outbound.readerListener = PipeListener { writerWake.signal() }
        link.outbound.drainHelper = flusher
        try {
            return coroutineScope {
                traffic = this
                exit = CompletableDeferred()
                // The writer is launched first: the reader starts at once on this thread and may deliver a burst
                // of messages before it first suspends; their replies must find a writer already scheduled.
                launch { exit.complete(guard { writeLoop(flusher) }) }
                if (heartbeat.sendsPings) startHeartbeat()
                // The reader runs where the selector resumes it: on the selector thread, as libzmq's I/O thread
                // reads, so a message costs no thread hand-off before it reaches the socket (see deliver()).
                launch(Dispatchers.Unconfined) { exit.complete(guard { readLoop(link) }) }
                val result = exit.await()
                coroutineContext.cancelChildren()
                result
            }
        } finally {
            link.outbound.drainHelper = null
            link.inbound.writerListener = null
            link.outbound.readerListener = null
            flusher.close()
        }
    }

    private inline fun guard(block: () -> EngineExit): EngineExit = try {
        block()
    } catch (e: ZmtpProtocolException) {
        EngineExit.ProtocolError(e.message ?: "protocol error", if (e.reportedAfterHandshake) e.code else null)
    } catch (e: IOException) {
        EngineExit.Disconnected(e.message ?: e.javaClass.simpleName)
    }

    // ---- reading ----

    private suspend fun readLoop(link: PeerLink): EngineExit {
        val batch = ArrayList<Message>(BATCH)
        var buffer = readBuffer // may hold bytes that came with the handshake, in read mode
        var streaming = false // the last read filled its buffer: read into a large one
        while (true) {
            if (buffer == null) {
                buffer = pool.acquire(large = streaming)
                readBuffer = buffer
            } else {
                if (buffer.hasRemaining()) decode(buffer, link, batch)
                // decode() consumed every byte (a partial frame waits in the decoder), so the buffer may change.
                buffer = pool.resize(buffer, large = streaming)
                readBuffer = buffer
                buffer.clear()
            }
            val n = connection.read(buffer)
            if (n < 0) return EngineExit.Disconnected("connection closed by peer")
            if (n == 0) {
                readBuffer = null
                pool.release(buffer)
                buffer = null
                connection.awaitReadable()
                continue
            }
            lastInputNanos = System.nanoTime()
            streaming = n == buffer.capacity() || (streaming && n >= pool.smallSize)
            buffer.flip()
        }
    }

    /**
     * Decodes every complete frame in [buffer], delivering messages and handling commands. When the peer breaks
     * the protocol, the whole messages that came before are still delivered.
     */
    private suspend fun decode(buffer: ByteBuffer, link: PeerLink, batch: ArrayList<Message>) {
        while (true) {
            val result = try {
                decoder.decode(buffer)
            } catch (e: ZmtpProtocolException) {
                deliver(link, batch)
                throw e
            }
            when (result) {
                FrameDecoder.MESSAGE -> {
                    batch.add(decoder.message!!)
                    if (batch.size >= BATCH) deliver(link, batch)
                }
                FrameDecoder.COMMAND -> {
                    deliver(link, batch)
                    onCommand(decoder.command!!, link, batch)
                }
                else -> {
                    deliver(link, batch)
                    return
                }
            }
        }
    }

    /** Hands [batch] to the inbound pipe, waiting for room as needed. Dropped when the socket no longer reads. */
    private suspend fun deliver(link: PeerLink, batch: ArrayList<Message>) {
        if (batch.isEmpty()) return
        var from = 0
        while (true) {
            val seen = readerWake.version
            val taken = link.inbound.offerAll(batch, from)
            if (taken < 0) break
            from += taken
            if (from >= batch.size) break
            // Wait for room on the context's dispatcher: the socket's reader wakes us from its own thread, which
            // must not be made to run this reader's I/O.
            withContext(host.dispatcher) { readerWake.await(seen) }
        }
        batch.clear()
    }

    private suspend fun onCommand(command: Command, link: PeerLink, batch: ArrayList<Message>) {
        when (command.name) {
            // A subscriber's subscription: the publisher's socket sees it as a 0x01/0x00 message, in order.
            Command.SUBSCRIBE -> batch.add(Subscriptions.message(Subscriptions.SUBSCRIBE, command.data))
            Command.CANCEL -> batch.add(Subscriptions.message(Subscriptions.CANCEL, command.data))
            Command.PING -> {
                val ttl = Command.pingTtl(command)
                queueCommand(Command.pongFor(command))
                if (ttl > 0) {
                    val nanos = ttl * 100_000_000L
                    if (heartbeat.peerTtlNanos != nanos) {
                        heartbeat.peerTtlNanos = nanos
                        startHeartbeat() // re-plan its wake-ups with the new TTL
                    }
                }
            }
            Command.ERROR -> throw IOException("peer sent ERROR: ${Command.errorReason(command)}")
            else -> {} // PONG only proves liveness (already counted); unknown commands are ignored
        }
    }

    // ---- writing ----

    /** Flushes whenever messages or commands are queued, waiting for the kernel when it takes no more. */
    private suspend fun writeLoop(flusher: OutputFlusher): EngineExit {
        while (true) {
            flusher.failure?.let { throw it }
            val seen = writerWake.version
            when (flusher.flush()) {
                OutputFlusher.FINISHED -> return EngineExit.Finished
                OutputFlusher.BLOCKED -> connection.awaitWritable()
                else -> writerWake.await(seen) // idle, or a sender is flushing and signals if work is left
            }
        }
    }

    private fun queueCommand(command: Command) {
        commands.add(command.encode())
        writerWake.signal()
    }

    private fun queuePing(ttlDeciseconds: Int) = queueCommand(Command.ping(ttlDeciseconds, ByteArray(0)))

    @Synchronized
    private fun startHeartbeat() {
        heartbeatJob?.cancel()
        heartbeatJob = traffic.launch {
            val reason = heartbeat.run()
            exit.complete(EngineExit.Disconnected(reason))
        }
    }

    private companion object {
        /** Messages handed to the inbound pipe per lock. */
        const val BATCH = 512

        /** The largest command accepted before the handshake completes (nothing is authenticated yet). */
        const val HANDSHAKE_COMMAND_LIMIT = 64 * 1024

        /** The largest command accepted afterwards (a SUBSCRIBE carries a whole topic). */
        const val TRAFFIC_COMMAND_LIMIT = 16 * 1024 * 1024
    }
}
