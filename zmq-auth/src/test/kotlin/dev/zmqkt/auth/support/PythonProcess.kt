package dev.zmqkt.auth.support

import java.io.File
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A long-running pyzmq script (a resource under `/interop/`) whose standard output is read line by line; closing
 * it closes its standard input, which the scripts take as the signal to end.
 */
class PythonProcess private constructor(private val process: Process) : AutoCloseable {
    private val lines = LinkedBlockingQueue<String>()
    private val output = StringBuffer()

    init {
        Thread({
            process.inputReader().lineSequence().forEach {
                output.appendLine(it)
                lines.put(it)
            }
        }, "pyzmq-out").apply { isDaemon = true }.start()
    }

    /** The next output line starting with [prefix] (others are skipped), waiting up to [timeoutMs]. */
    fun nextLine(prefix: String, timeoutMs: Long = 30_000): String {
        val deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs)
        while (true) {
            val left = deadline - System.nanoTime()
            val line = lines.poll(left.coerceAtLeast(0), TimeUnit.NANOSECONDS)
                ?: error("no line '$prefix...' from python within $timeoutMs ms; output: $output")
            if (line.startsWith(prefix)) return line
        }
    }

    override fun close() {
        runCatching { process.outputStream.close() }
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
    }

    companion object {
        /** Starts the script resource `/interop/[name]` with [args]. */
        fun start(name: String, vararg args: String): PythonProcess {
            val text = PythonProcess::class.java.getResource("/interop/$name")!!.readText()
            val script = File.createTempFile(name.removeSuffix(".py"), ".py").apply {
                deleteOnExit()
                writeText(text)
            }
            val process = ProcessBuilder(listOf(Python.EXECUTABLE, "-u", script.path) + args).redirectErrorStream(true).start()
            return PythonProcess(process)
        }
    }
}
