package dev.zmqkt.devices.internal

import dev.zmqkt.devices.DeviceProcessException
import java.io.BufferedReader
import java.io.BufferedWriter
import java.io.File
import java.io.IOException
import java.time.Duration
import java.util.concurrent.CompletableFuture

/**
 * A device running in a JVM of its own (pyzmq's ProcessDevice): [DeviceProcessMain][dev.zmqkt.devices.DeviceProcessMain]
 * started with this JVM's `java` and class path, given the device on its standard input. The child makes its own
 * context and sockets; the parent learns the endpoints bound and, when the child exits, how it ended. Closing the
 * child's input stops it, so a device never outlives its parent.
 */
internal class ProcessLaunch private constructor(
    private val process: Process,
    private val input: BufferedWriter,
) : DeviceLaunch {
    private var stopSent = false

    override fun requestStop(linger: Duration?) {
        synchronized(this) {
            if (stopSent) return
            stopSent = true
            try {
                input.write("${ProcessProtocol.STOP} ${linger ?: ProcessProtocol.NO_LINGER}\n")
                input.close()
            } catch (_: IOException) {
                // The process has exited already.
            }
        }
    }

    override val closeWaits: Boolean get() = true

    /** The child's process id, for tools and tests. */
    val pid: Long get() = process.pid()

    /** The launch of a child that reported ready, and the endpoints it bound. */
    class Started(val launch: ProcessLaunch, val bound: Map<DeviceSide, List<String>>)

    companion object {
        /** The class the child runs. */
        const val MAIN_CLASS: String = "dev.zmqkt.devices.DeviceProcessMain"

        /**
         * Starts a child for [spec] with [jvmOptions], waits until it made its sockets, and wires [ended] to its
         * exit. Blocks the calling thread for the child's start-up (a JVM start, typically under a second).
         *
         * @throws DeviceProcessException when the child could not make its sockets or did not start.
         */
        fun start(spec: DeviceSpec, jvmOptions: List<String>, ended: CompletableFuture<Void?>): Started {
            val lines = DeviceSpecCodec.encode(spec)
            val java = File(System.getProperty("java.home"), "bin/java").path
            // The class path goes in the environment, not on the command line: a long one would be cut short by
            // tools that read command lines (Linux shows 4 KiB of it) and by Windows' 32 KiB limit.
            val command = listOf(java) + jvmOptions + listOf(MAIN_CLASS)
            val builder = ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
            builder.environment()["CLASSPATH"] = System.getProperty("java.class.path")
            val process = builder.start()
            val input = process.outputWriter()
            val output = process.inputReader()
            try {
                for (line in lines) input.write(line + "\n")
                input.write(ProcessProtocol.START + "\n")
                input.flush()
                val bound = readUntilReady(output, process)
                val launch = ProcessLaunch(process, input)
                process.onExit().whenComplete { _, _ -> reportEnd(process, output, ended) }
                return Started(launch, bound)
            } catch (e: Throwable) {
                process.destroyForcibly()
                throw e
            }
        }

        private fun readUntilReady(output: BufferedReader, process: Process): Map<DeviceSide, List<String>> {
            val bound = LinkedHashMap<DeviceSide, MutableList<String>>()
            while (true) {
                val line = output.readLine() ?: run {
                    val code = process.waitFor()
                    throw DeviceProcessException("the device process exited with code $code before it was ready", code)
                }
                when {
                    line == ProcessProtocol.READY -> return bound
                    line.startsWith(ProcessProtocol.BOUND + " ") -> {
                        val (_, label, endpoint) = line.split(' ', limit = 3)
                        val side = DeviceSide.entries.first { it.label == label }
                        bound.getOrPut(side) { ArrayList() } += endpoint
                    }
                    line.startsWith(ProcessProtocol.FAILED + " ") ->
                        throw DeviceProcessException("the device process could not start: ${line.substringAfter(' ')}", null)
                    // Anything else is the child's own output (a library printing to stdout): not ours to read.
                }
            }
        }

        private fun reportEnd(process: Process, output: BufferedReader, ended: CompletableFuture<Void?>) {
            val lines = try {
                output.readLines()
            } catch (_: IOException) {
                emptyList()
            }
            val code = process.exitValue()
            val failed = lines.lastOrNull { it.startsWith(ProcessProtocol.FAILED + " ") }
            when {
                code == 0 && failed == null -> ended.complete(null)
                failed != null -> ended.completeExceptionally(
                    DeviceProcessException("the device failed in its process: ${failed.substringAfter(' ')}", code),
                )
                else -> ended.completeExceptionally(DeviceProcessException("the device process exited with code $code", code))
            }
        }
    }
}
