package dev.zmqkt.ssh

import dev.zmqkt.ssh.internal.LOOPBACK
import dev.zmqkt.ssh.internal.LocalPortTaken
import dev.zmqkt.ssh.internal.OpenSession
import dev.zmqkt.ssh.internal.SshClients
import dev.zmqkt.ssh.internal.TunnelTarget
import dev.zmqkt.ssh.internal.openSession
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.future.await
import org.apache.sshd.client.SshClient
import org.apache.sshd.common.session.Session
import org.apache.sshd.common.session.SessionListener
import org.slf4j.LoggerFactory
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.ExecutionException
import java.util.concurrent.RejectedExecutionException
import java.util.concurrent.TimeUnit

/**
 * An SSH tunnel run in process by Apache MINA sshd: a local port forward from an ephemeral port on
 * `127.0.0.1`, bound by the SSH client itself (no pick-then-bind race), to [target] as the [server] sees it
 * (pyzmq's `open_tunnel`). Connect a socket to [localEndpoint], or let [tunnelConnection] do it.
 *
 * ```kotlin
 * val tunnel = SshTunnel.open("tcp://10.0.0.5:5555", "deploy@bastion.example.com",
 *     SshTunnelOptions { keyFile(Path.of("/home/me/.ssh/id_ed25519")) })
 * req.connect(tunnel.localEndpoint)
 * ...
 * tunnel.close()
 * ```
 *
 * ### Reconnection
 * When the SSH session drops (the server restarts, the network fails, keep-alives go unanswered), the tunnel goes
 * [SshTunnelState.RECONNECTING] and opens a new session with backoff ([SshTunnelOptions.reconnectInterval],
 * doubled up to [SshTunnelOptions.reconnectIntervalMax]), binding the same local port again; a socket connected to
 * it reconnects by itself, as it does to any peer that went away. Should the port have been taken meanwhile, the
 * tunnel binds another and tells the socket [tunnelConnection] connected (it moves the socket over; messages
 * still queued for the old port are dropped with it, as on any disconnect). A host key or
 * authentication failure on reconnection ends the tunnel ([failure]).
 *
 * ### Threads
 * Each tunnel has its own MINA client, with its own small I/O and timer threads; [close] stops them.
 */
public class SshTunnel private constructor(
    override val target: String,
    override val server: SshServerAddress,
    private val destination: TunnelTarget,
    private val options: SshTunnelOptions,
    private val client: SshClient,
    first: OpenSession,
) : Tunnel {
    private val lock = Any()
    private var current: OpenSession? = null
    private var closed = false
    private val stateFlow = MutableStateFlow(SshTunnelState.CONNECTED)
    private val endpointListeners = CopyOnWriteArrayList<(String, String) -> Unit>()
    private val closeListeners = CopyOnWriteArrayList<() -> Unit>()

    @Volatile
    private var port: Int = first.localPort

    @Volatile
    private var reconnectCount = 0

    /** Why the tunnel closed for good (a host key or authentication failure on reconnection); null otherwise. */
    @Volatile
    public var failure: SshTunnelException? = null
        private set

    init {
        attach(first)
    }

    /** The tunnel's state as it changes: connected, reconnecting, closed. */
    public val state: StateFlow<SshTunnelState> = stateFlow.asStateFlow()

    /** The local port (on `127.0.0.1`). */
    public val localPort: Int get() = port

    override val localEndpoint: String get() = "tcp://$LOOPBACK:$port"

    override val isOpen: Boolean get() = stateFlow.value != SshTunnelState.CLOSED

    /** How many times the session was re-established. */
    public val reconnects: Int get() = reconnectCount

    /** Calls [listener] (old endpoint, new endpoint) when a reconnection had to bind another local port. */
    internal fun onEndpointChanged(listener: (String, String) -> Unit) {
        endpointListeners += listener
    }

    /** Calls [listener] once the tunnel is closed (at once if it already is). */
    internal fun onClosed(listener: () -> Unit) {
        closeListeners += listener
        if (!isOpen && closeListeners.remove(listener)) listener()
    }

    private fun attach(open: OpenSession) {
        synchronized(lock) {
            if (closed) {
                open.session.close(true)
                return
            }
            current = open
            port = open.localPort
        }
        open.session.addSessionListener(object : SessionListener {
            override fun sessionClosed(session: Session) {
                sessionLost(open)
            }
        })
        if (open.session.isClosed || open.session.isClosing) sessionLost(open)
    }

    /** The session of [lost] ended: reconnect, unless the tunnel is closing or moved on already. */
    private fun sessionLost(lost: OpenSession) {
        synchronized(lock) {
            if (closed || current !== lost) return
            current = null
        }
        lost.forward.close()
        val first = options.reconnectInterval
        if (first == null) {
            log.info("SSH session to {} for {} ended; reconnection is off: closing the tunnel", server, target)
            closeAsync(SshConnectException("the SSH session with $server ended"))
            return
        }
        log.info("SSH session to {} for {} ended; reconnecting", server, target)
        stateFlow.value = SshTunnelState.RECONNECTING
        schedule(first) { reconnect(first) }
    }

    private fun reconnect(wait: Duration) {
        if (!isOpen) return
        val previous = port
        openSession(client, server, destination, options.password, previous).handle { open, error ->
            when {
                open != null -> reconnected(open, previous)
                error is LocalPortTaken -> {
                    log.info("local port {} was taken while reconnecting to {}: binding another", previous, server)
                    openSession(client, server, destination, options.password, 0).handle { again, e ->
                        if (again != null) reconnected(again, previous) else retryOrGiveUp(e, wait)
                    }
                }
                else -> retryOrGiveUp(error, wait)
            }
        }
    }

    private fun reconnected(open: OpenSession, previousPort: Int) {
        attach(open)
        if (!isOpen) return
        reconnectCount++
        log.info("SSH tunnel to {} through {} is back on local port {}", target, server, open.localPort)
        if (open.localPort != previousPort) {
            // the socket moves before anyone sees the tunnel connected again
            val old = "tcp://$LOOPBACK:$previousPort"
            endpointListeners.forEach { it(old, localEndpoint) }
        }
        stateFlow.value = SshTunnelState.CONNECTED
    }

    private fun retryOrGiveUp(error: Throwable?, wait: Duration) {
        if (error is SshHostKeyException || error is SshAuthenticationException || error is SshKeyFileException) {
            log.error("SSH tunnel to {} through {} closed: {}", target, server, error.message)
            closeAsync(error as SshTunnelException)
            return
        }
        val next = minOf(wait.multipliedBy(2), options.reconnectIntervalMax).coerceAtLeast(Duration.ofMillis(1))
        log.debug("reconnecting to {} failed ({}); next attempt in {}", server, error?.message, next)
        schedule(wait) { reconnect(next) }
    }

    private fun schedule(after: Duration, task: () -> Unit) {
        try {
            client.scheduledExecutorService.schedule(task, after.toMillis(), TimeUnit.MILLISECONDS)
        } catch (_: RejectedExecutionException) {
            // closed meanwhile
        }
    }

    /** Closes from one of MINA's own threads, which [close] must not run on (it stops them). */
    private fun closeAsync(cause: SshTunnelException) {
        failure = cause
        Thread({ close() }, "zmq-kt-ssh-tunnel-close").apply { isDaemon = true }.start()
    }

    /**
     * Closes the local port and the session, and stops the SSH client's threads. A socket that [tunnelConnection]
     * connected is disconnected from the tunnel. Idempotent.
     */
    override fun close() {
        val open = synchronized(lock) {
            if (closed) return
            closed = true
            current.also { current = null }
        }
        try {
            open?.forward?.close()
            open?.session?.close(true)
        } finally {
            client.stop()
            stateFlow.value = SshTunnelState.CLOSED
            while (closeListeners.isNotEmpty()) closeListeners.removeAt(0)()
        }
    }

    override fun toString(): String = "SshTunnel($localEndpoint -> $target via $server, ${stateFlow.value})"

    public companion object {
        private val log = LoggerFactory.getLogger(SshTunnel::class.java)

        /**
         * Opens a tunnel to [target] (`tcp://host:port` as [server] sees it) through [server] (`user@host:port`,
         * see [SshServerAddress.parse]), as a future, for Java. It fails with [SshConnectException],
         * [SshHostKeyException], [SshAuthenticationException], [SshKeyFileException] or [SshTunnelException];
         * cancelling it abandons the attempt.
         *
         * @throws dev.zmqkt.InvalidEndpointException when [target] is not a tcp endpoint with host and port.
         * @throws IllegalArgumentException when [server] is malformed.
         */
        @JvmStatic
        @JvmOverloads
        public fun openAsync(
            target: String,
            server: String,
            options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
        ): CompletableFuture<SshTunnel> {
            val destination = TunnelTarget.parse(target)
            val address = SshServerAddress.parse(server)
            val client = try {
                SshClients.start(options)
            } catch (e: SshTunnelException) {
                return CompletableFuture.failedFuture(e)
            }
            val result = CompletableFuture<SshTunnel>()
            val opening = openSession(client, address, destination, options.password, 0)
            result.whenComplete { _, _ -> if (result.isCancelled) opening.cancel(false) }
            opening.handle { open, error ->
                if (open != null && !result.isDone) {
                    val tunnel = SshTunnel(target, address, destination, options, client, open)
                    if (!result.complete(tunnel)) tunnel.closeAsync(SshTunnelException("abandoned"))
                } else {
                    open?.session?.close(true)
                    // stop the client off its own threads
                    Thread({ client.stop() }, "zmq-kt-ssh-client-stop").apply { isDaemon = true }.start()
                    result.completeExceptionally(error ?: SshTunnelException("the tunnel was abandoned"))
                }
            }
            return result
        }

        /** [openAsync], suspending until the tunnel is open; cancelling abandons the attempt. */
        @JvmSynthetic
        public suspend fun open(
            target: String,
            server: String,
            options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
        ): SshTunnel = openAsync(target, server, options).await()

        /** [openAsync], blocking the calling thread until the tunnel is open or opening failed. */
        @JvmStatic
        @JvmOverloads
        @Throws(SshTunnelException::class, InterruptedException::class)
        public fun openBlocking(
            target: String,
            server: String,
            options: SshTunnelOptions = SshTunnelOptions.DEFAULT,
        ): SshTunnel {
            val future = openAsync(target, server, options)
            try {
                return future.get()
            } catch (e: ExecutionException) {
                throw e.cause as? SshTunnelException ?: SshTunnelException(e.cause?.message ?: "cannot open the tunnel", e.cause)
            } catch (e: InterruptedException) {
                future.cancel(false)
                throw e
            }
        }
    }
}
