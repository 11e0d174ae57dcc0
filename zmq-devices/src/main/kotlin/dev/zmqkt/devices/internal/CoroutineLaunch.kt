package dev.zmqkt.devices.internal

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.launch
import java.time.Duration

/**
 * A device running as a coroutine in the caller's [scope]. Cancelling the scope stops it too. Its sockets and
 * context are closed when the coroutine completes, even one cancelled before it ever ran.
 */
internal class CoroutineLaunch(scope: CoroutineScope, private val run: InJvmRun) : DeviceLaunch {
    private val job: Job = scope.launch { run.run() }

    init {
        job.invokeOnCompletion { run.closeSockets().whenComplete { _, _ -> run.complete() } }
    }

    override fun requestStop(linger: Duration?) {
        run.setLinger(linger)
        job.cancel()
    }

    override val closeWaits: Boolean get() = false
}
