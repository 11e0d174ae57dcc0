package dev.zmqkt.devices.internal

import dev.zmqkt.Context
import dev.zmqkt.ContextClosedException
import dev.zmqkt.SocketClosedException
import kotlinx.coroutines.CancellationException
import org.slf4j.LoggerFactory
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * A device running in this JVM (as a coroutine or on a thread of its own): runs its loop, then closes its sockets
 * and, if it made it, its context, and completes [ended].
 *
 * A device stopped on request, or whose sockets or context were closed under it (pyzmq silences `ETERM` and
 * `ENOTSOCK` the same way), ends normally; any other error is its failure, logged and passed to [ended].
 */
internal class InJvmRun(
    private val sockets: DeviceSockets,
    private val context: Context,
    private val ownsContext: Boolean,
    private val ended: CompletableFuture<Void?>,
) {
    @Volatile
    private var linger: Duration? = null

    /** The error that ended the device, if one did (see the class comment). */
    @Volatile
    var failure: Throwable? = null
        private set

    /** The linger the sockets get when they close (null: their own). */
    fun setLinger(value: Duration?) {
        linger = value
    }

    /** Runs the device's loop; returns when it ended, whatever the reason (see [failure]). */
    suspend fun run() {
        try {
            sockets.run()
        } catch (_: CancellationException) {
            // Stopped: close() or the scope was cancelled.
        } catch (_: SocketClosedException) {
        } catch (_: ContextClosedException) {
        } catch (e: Throwable) {
            failure = e
            log.warn("zmq-kt device failed", e)
        }
    }

    /**
     * Closes the sockets, and the context if the device made it; returns at once, with a future that completes
     * once they are closed (after their linger). Then call [complete].
     */
    fun closeSockets(): CompletableFuture<Void?> {
        val lingerNow = linger
        sockets.close(lingerNow)
        return when {
            !ownsContext -> CompletableFuture.completedFuture(null)
            lingerNow == null -> context.terminateAsync()
            else -> context.terminateAsync(lingerNow)
        }
    }

    /** Completes [ended]: normally, or with the device's failure. */
    fun complete() {
        val error = failure
        if (error == null) ended.complete(null) else ended.completeExceptionally(error)
    }

    private companion object {
        val log = LoggerFactory.getLogger(InJvmRun::class.java)
    }
}
