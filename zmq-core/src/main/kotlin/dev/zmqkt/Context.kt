package dev.zmqkt

import dev.zmqkt.internal.ContextCore
import dev.zmqkt.internal.ModuleOnly
import dev.zmqkt.internal.SocketCore
import dev.zmqkt.internal.io.SelectorThread
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.runBlocking
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.Executor

/**
 * A ZeroMQ context: it makes [Socket]s and owns what they share (the I/O selector thread, started when the first
 * tcp socket needs it, and the background work of connections). Usually one per application; [instance] gives a
 * shared one.
 *
 * ```kotlin
 * suspend fun main() = Context().use { ctx ->
 *     val server = ctx.socket(SocketType.PAIR)
 *     val client = ctx.socket(SocketType.PAIR)
 *     client.connect(server.bind("tcp://127.0.0.1:*"))
 *     client.send(Message.of("ping"))
 *     println(server.receive().toStrings())   // [ping]
 * } // closes every socket, waiting for their linger time (infinite by default, as in libzmq)
 * ```
 *
 * @param dispatcher where connection work runs; [Dispatchers.Default] unless given.
 */
public class Context @JvmOverloads constructor(dispatcher: CoroutineDispatcher = Dispatchers.Default) : AutoCloseable {
    private val core = ContextCore(dispatcher)

    /**
     * A context whose connection work runs on [executor], for callers that have an `Executor` rather than a
     * coroutine dispatcher (from Java: `new Context(executorService)`). The executor is wrapped with
     * [asCoroutineDispatcher]; the context never shuts it down, so the caller does that after [close].
     *
     * The executor must run every task it is given (a bounded pool that rejects tasks stalls connections), and
     * [close] must not be called from one of its threads when it has only one: lingering messages are delivered
     * by tasks on that executor.
     *
     * ```java
     * ExecutorService pool = Executors.newFixedThreadPool(2);
     * try (Context context = new Context(pool)) {
     *     ...
     * } finally {
     *     pool.shutdown();
     * }
     * ```
     */
    public constructor(executor: Executor) : this(executor.asCoroutineDispatcher())

    /**
     * The options every new socket starts with. Change them before making sockets, e.g.
     * `ctx.defaultOptions.linger = Duration.ZERO`.
     */
    public val defaultOptions: SocketOptions get() = core.defaultOptions

    /**
     * Where this context's background work runs: the dispatcher it was made with (an `Executor` given to the
     * constructor is wrapped as one). Helpers that serve the context, such as zmq-auth's `Authenticator`, run
     * their coroutines here by default.
     */
    public val dispatcher: CoroutineDispatcher get() = core.dispatcher

    /** True once [close] or [terminate] was called. */
    public val isClosed: Boolean get() = core.isClosed

    /**
     * A new socket of [type], with [defaultOptions].
     *
     * @throws ContextClosedException when the context is closed.
     */
    public fun socket(type: SocketType): Socket {
        core.checkOpen()
        val socketCore = SocketCore(core, type)
        core.sockets.add(socketCore)
        if (core.isClosed) {
            socketCore.close()
            throw ContextClosedException("context is closed")
        }
        return Socket(socketCore, this, ModuleOnly.TOKEN)
    }

    /**
     * Closes every socket and waits until each has delivered its queued messages or its linger time has passed,
     * then stops the context's threads. Pending and later calls on its sockets fail with [ContextClosedException].
     *
     * The default linger is infinite, as in libzmq: a message queued to a peer that never comes keeps this
     * waiting for ever. Use the form with a linger to bound the wait.
     *
     * (Java sees [terminateAsync] and [close] instead.)
     */
    @JvmSynthetic
    public suspend fun terminate() {
        core.terminate()
    }

    /**
     * [terminate], with [linger] instead of every socket's own linger (pyzmq's `destroy(linger)`): queued messages
     * get at most [linger] to go out. It also shortens sockets that were closed earlier and are still lingering,
     * so while another caller waits in [terminate] or [close] (say with an infinite linger), calling this with
     * [Duration.ZERO] makes both return promptly.
     *
     * @throws IllegalArgumentException when [linger] is negative.
     */
    @JvmSynthetic
    public suspend fun terminate(linger: Duration) {
        core.terminate(checkLinger(linger))
    }

    /** [terminate] as a future, for Java. */
    public fun terminateAsync(): CompletableFuture<Void?> = terminating(null)

    /** [terminate] with a [linger] overriding every socket's, as a future, for Java. */
    public fun terminateAsync(linger: Duration): CompletableFuture<Void?> = terminating(checkLinger(linger))

    /**
     * [terminate], blocking the calling thread. From a coroutine call [terminate] instead: blocking a thread of
     * the context's own dispatcher (e.g. the only worker of a small pool) can keep lingering work from finishing.
     *
     * @throws IllegalStateException at once when called on zmq-kt's own I/O thread, which it would wait for.
     * zmq-kt never runs user code there, so this only happens to code that escaped onto it by other means.
     */
    override fun close() {
        closeBlocking(null)
    }

    /**
     * [terminate] with a [linger] overriding every socket's, blocking the calling thread (pyzmq's
     * `destroy(linger)`). `close(Duration.ZERO)` drops whatever is still queued and returns promptly, also
     * ending the wait of another thread blocked in [close].
     *
     * @throws IllegalArgumentException when [linger] is negative.
     */
    public fun close(linger: Duration) {
        closeBlocking(checkLinger(linger))
    }

    private fun closeBlocking(linger: Duration?) {
        val thread = Thread.currentThread()
        check(thread !is SelectorThread) {
            "Context.close() called on zmq-kt's I/O thread ${thread.name}, which it would wait for: " +
                "call terminate() from a coroutine, or close() from another thread"
        }
        runBlocking { core.terminate(linger) }
    }

    private fun terminating(linger: Duration?): CompletableFuture<Void?> = core.terminateAsync(linger)

    override fun toString(): String = "Context(${core.id}${if (isClosed) ", closed" else ""})"

    /** Holds [instance] only: the shared context lives in [SharedContext], out of Java's sight. */
    public companion object {
        /** The shared context of this process, made on first use (and again after it was closed). */
        @JvmStatic
        public fun instance(): Context = SharedContext.get()
    }
}

/** The context behind [Context.instance]. */
private object SharedContext {
    @Volatile
    private var shared: Context? = null

    fun get(): Context {
        shared?.takeIf { !it.isClosed }?.let { return it }
        synchronized(this) {
            shared?.takeIf { !it.isClosed }?.let { return it }
            return Context().also { shared = it }
        }
    }
}

/** [linger], checked to be zero or more. */
internal fun checkLinger(linger: Duration): Duration {
    require(!linger.isNegative) { "linger must not be negative, got $linger" }
    return linger
}
