package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.devices.internal.DeviceSockets
import dev.zmqkt.devices.internal.DeviceSpecCodec
import dev.zmqkt.devices.internal.InJvmRun
import dev.zmqkt.devices.internal.ProcessProtocol
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withContext
import java.time.Duration
import java.util.concurrent.CompletableFuture
import kotlin.system.exitProcess

/**
 * The entry point of a device in a process of its own: what [AbstractDevice.startProcess] runs. It reads the
 * device from its standard input, makes a context and the sockets, reports the endpoints bound, and runs the
 * device on [Dispatchers.Default] until told to stop (or its input ends, when the parent went away), or until the
 * device ends by itself (TERMINATE on a steerable proxy). It exits with 0 when the device ended normally, 1
 * otherwise. Not meant to be started by hand: the lines it reads are zmq-kt's own.
 */
public object DeviceProcessMain {
    /** Runs one device; see the class comment. */
    @JvmStatic
    public fun main(args: Array<String>) {
        val input = System.`in`.bufferedReader()
        val lines = ArrayList<String>()
        while (true) {
            val line = input.readLine() ?: exitProcess(1)
            if (line == ProcessProtocol.START) break
            lines += line
        }
        val context = Context()
        val sockets = try {
            DeviceSockets.open(DeviceSpecCodec.decode(lines), context)
        } catch (e: Throwable) {
            say("${ProcessProtocol.FAILED} ${ProcessProtocol.describe(e)}")
            context.close(Duration.ZERO)
            exitProcess(1)
        }
        for ((side, endpoints) in sockets.bound) for (e in endpoints) say("${ProcessProtocol.BOUND} ${side.label} $e")
        say(ProcessProtocol.READY)

        val run = InJvmRun(sockets, context, ownsContext = true, ended = CompletableFuture())
        val job = Job()
        Thread({
            val stop = try {
                input.readLine()
            } catch (_: Exception) {
                null
            }
            val linger = stop?.substringAfter(' ', ProcessProtocol.NO_LINGER)?.takeIf { it != ProcessProtocol.NO_LINGER }
            run.setLinger(linger?.let(Duration::parse))
            job.cancel()
        }, "zmq-kt-device-stop").apply { isDaemon = true }.start()

        try {
            runBlocking(job) { withContext(Dispatchers.Default) { run.run() } }
        } catch (_: CancellationException) {
            // Stopped.
        }
        runCatching { run.closeSockets().join() }
        val failure = run.failure
        say(if (failure == null) ProcessProtocol.ENDED else "${ProcessProtocol.FAILED} ${ProcessProtocol.describe(failure)}")
        exitProcess(if (failure == null) 0 else 1)
    }

    private fun say(line: String) {
        println(line)
        System.out.flush()
    }
}
