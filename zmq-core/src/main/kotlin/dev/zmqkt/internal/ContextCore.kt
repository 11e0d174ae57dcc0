package dev.zmqkt.internal

import dev.zmqkt.ContextClosedException
import dev.zmqkt.internal.io.BufferPool
import dev.zmqkt.internal.io.SelectorThread
import dev.zmqkt.internal.transport.inproc.InprocRegistry
import io.ktor.network.selector.SelectorManager
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ConcurrentHashMap
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicLong
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.future.future
import kotlinx.coroutines.joinAll
import org.slf4j.LoggerFactory

/**
 * What a context owns: the coroutine scope every socket's background work runs in, the I/O selector (one
 * thread, started on first tcp or ipc use), the buffer pool, and the set of open sockets.
 */
internal class ContextCore(val dispatcher: CoroutineDispatcher) {
    val id: Int = COUNTER.incrementAndGet()
    val defaultOptions = OptionValues()
    val job = SupervisorJob()
    val scope = CoroutineScope(
        job + dispatcher + CoroutineName("zmq-kt-context-$id") +
            CoroutineExceptionHandler { _, e -> log.error("unexpected failure in zmq-kt background work", e) },
    )
    val bufferPool = BufferPool(SMALL_BUFFER, LARGE_BUFFER, retainedSmall = 1024, retainedLarge = 64)
    val sockets: MutableSet<SocketCore> = ConcurrentHashMap.newKeySet()
    val inproc = InprocRegistry()
    private val connectionIds = AtomicLong()

    @Volatile
    var isClosed = false
        private set

    private val selectorLock = Any()

    /** True once termination has stopped the selector; guarded by [selectorLock]. */
    private var selectorStopped = false
    private var selectorThread: ExecutorCoroutineDispatcher? = null
    private var selector: SelectorManager? = null

    /** The selector for tcp and ipc channels, started on first use. */
    val selectorManager: SelectorManager
        get() {
            selector?.let { return it }
            synchronized(selectorLock) {
                selector?.let { return it }
                // Not isClosed: a socket lingering while the context terminates may dial for the first time then,
                // and must be able to deliver. Only a finished termination stops the selector for good.
                if (selectorStopped) throw ContextClosedException("context is closed")
                val thread = Executors.newSingleThreadExecutor { r -> SelectorThread(r, "zmq-kt-selector-$id") }
                    .asCoroutineDispatcher()
                selectorThread = thread
                return SelectorManager(thread).also { selector = it }
            }
        }

    /** A number for a new connection, reported in monitor events where libzmq reports a file descriptor. */
    fun nextConnectionId(): Long = connectionIds.incrementAndGet()

    fun checkOpen() {
        if (isClosed) throw ContextClosedException("context is closed")
    }

    /**
     * Where a termination asked for by a Java future runs: the context's own [scope] is cancelled by termination,
     * so this scope, also owned by the context, outlives it and has nothing left once termination ended.
     */
    private val terminationScope = CoroutineScope(SupervisorJob() + Dispatchers.IO + CoroutineName("zmq-kt-terminate-$id"))

    /** [terminate] as a future, for Java callers. */
    fun terminateAsync(linger: Duration?): CompletableFuture<Void?> = terminationScope.future {
        terminate(linger)
        null
    }

    /**
     * Closes every socket, waits for their lingering to end, then stops the selector. A [linger] overrides every
     * socket's, and also shortens the lingering of sockets already closed (a second terminate with a shorter
     * linger ends the first one's wait too).
     */
    suspend fun terminate(linger: Duration? = null) {
        isClosed = true
        val open = sockets.toList()
        for (s in open) s.close(linger)
        open.map { it.job }.joinAll()
        job.cancel()
        job.join()
        synchronized(selectorLock) {
            selectorStopped = true
            selector?.close()
            selectorThread?.close()
            selector = null
            selectorThread = null
        }
    }

    private companion object {
        val COUNTER = AtomicInteger()
        val log = LoggerFactory.getLogger(ContextCore::class.java)

        /** Bytes moved per system call by a connection that sends or receives now and then. */
        const val SMALL_BUFFER = 16 * 1024

        /** Bytes moved per system call by a streaming connection. */
        const val LARGE_BUFFER = 128 * 1024
    }
}
