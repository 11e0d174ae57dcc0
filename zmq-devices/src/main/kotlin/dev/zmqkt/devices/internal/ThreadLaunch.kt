package dev.zmqkt.devices.internal

import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Job
import kotlinx.coroutines.runBlocking
import java.time.Duration
import java.util.concurrent.atomic.AtomicInteger

/**
 * A device running on a thread of its own (pyzmq's ThreadDevice), named `zmq-kt-device-N`: the thread runs the
 * device's coroutines in `runBlocking`, closes the device's sockets (waiting for their
 * linger), completes the device's end and ends.
 */
internal class ThreadLaunch(private val run: InJvmRun, daemon: Boolean) : DeviceLaunch {
    private val job = Job()

    val thread: Thread = Thread({
        try {
            runBlocking(job) { run.run() }
        } catch (_: CancellationException) {
            // Stopped before the loop started.
        } finally {
            // A context that fails to terminate has already logged why; the device has ended either way.
            runCatching { run.closeSockets().join() }
            run.complete()
        }
    }, "zmq-kt-device-${counter.incrementAndGet()}").apply {
        isDaemon = daemon
        start()
    }

    override fun requestStop(linger: Duration?) {
        run.setLinger(linger)
        job.cancel()
    }

    override val closeWaits: Boolean get() = true

    private companion object {
        val counter = AtomicInteger()
    }
}
