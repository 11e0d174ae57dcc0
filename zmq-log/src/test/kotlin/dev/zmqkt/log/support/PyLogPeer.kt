package dev.zmqkt.log.support

import dev.zmqkt.support.Peers
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import java.io.File
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * pyzmq's side of an interop test: `interop/log_peer.py` in a separate process, answering in JSON lines. Closing
 * it closes its stdin, on which the script exits.
 */
class PyLogPeer private constructor(private val process: Process) : AutoCloseable {
    private val lines = LinkedBlockingQueue<String>()
    private val stderr = StringBuffer()

    init {
        Thread({ process.inputReader().lineSequence().forEach { lines.put(it) } }, "py-log-peer-out")
            .apply { isDaemon = true }.start()
        Thread({ process.errorReader().lineSequence().forEach { stderr.appendLine(it) } }, "py-log-peer-err")
            .apply { isDaemon = true }.start()
    }

    /** The next line as JSON, waiting up to [timeoutMs]. */
    fun next(timeoutMs: Long = 20_000): JsonElement {
        val line = lines.poll(timeoutMs, TimeUnit.MILLISECONDS)
            ?: error("pyzmq peer printed nothing within $timeoutMs ms; stderr: $stderr")
        return Json.parseToJsonElement(line)
    }

    /** The next line if one is there now. */
    fun poll(): JsonElement? = lines.poll()?.let { Json.parseToJsonElement(it) }

    override fun close() {
        process.outputStream.close()
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            process.waitFor(10, TimeUnit.SECONDS)
        }
    }

    companion object {
        private val script: File by lazy {
            val text = PyLogPeer::class.java.getResource("/interop/log_peer.py")!!.readText()
            File.createTempFile("log_peer", ".py").apply {
                deleteOnExit()
                writeText(text)
            }
        }

        fun start(vararg args: String): PyLogPeer =
            PyLogPeer(ProcessBuilder(listOf(Peers.PYTHON, "-u", script.absolutePath) + args).start())
    }
}
