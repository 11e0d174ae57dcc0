package dev.zmqkt.support

import dev.zmqkt.Frame
import dev.zmqkt.Message
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.int
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import kotlinx.serialization.json.put
import kotlinx.serialization.json.Json
import java.io.BufferedReader
import java.io.BufferedWriter
import java.io.File
import java.util.HexFormat
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/**
 * A real libzmq peer: pyzmq in a separate process (`libzmq_peer.py`), driven by JSON lines. Each call blocks
 * until the peer answers, up to a timeout, and raises when the peer reports an error.
 */
class LibzmqPeer private constructor(private val process: Process) : AutoCloseable {
    private val input: BufferedWriter = process.outputWriter()
    private val answers = LinkedBlockingQueue<String>()
    private val stderr = StringBuffer()

    init {
        val reader: BufferedReader = process.inputReader()
        Thread({ reader.lineSequence().forEach { answers.put(it) } }, "libzmq-peer-out").apply { isDaemon = true }.start()
        Thread({ process.errorReader().lineSequence().forEach { stderr.appendLine(it) } }, "libzmq-peer-err")
            .apply { isDaemon = true }.start()
        val ready = next(30_000)
        check(ready["ready"]?.jsonPrimitive?.content == "true") { "peer did not start: $ready" }
    }

    /** Sends one request and returns the answer; raises [PeerError] when the peer reports a failure. */
    fun call(op: String, timeoutMs: Long = 30_000, build: kotlinx.serialization.json.JsonObjectBuilder.() -> Unit = {}): JsonObject {
        val request = buildJsonObject {
            put("op", op)
            build()
        }
        input.write(request.toString())
        input.newLine()
        input.flush()
        val answer = next(timeoutMs)
        if (answer["ok"]?.jsonPrimitive?.content != "true") {
            throw PeerError(answer["error"]?.jsonPrimitive?.content ?: answer.toString())
        }
        return answer
    }

    private fun next(timeoutMs: Long): JsonObject {
        val line = answers.poll(timeoutMs, TimeUnit.MILLISECONDS)
            ?: error("libzmq peer gave no answer within $timeoutMs ms; stderr: $stderr")
        return Json.parseToJsonElement(line).jsonObject
    }

    fun socket(type: String, sock: String = "s", options: Map<String, Any> = emptyMap()) {
        call("socket") {
            put("sock", sock)
            put("type", type)
            put("options", JsonObject(options.mapValues { (_, v) -> v.toJson() }))
        }
    }

    fun bind(endpoint: String, sock: String = "s"): String =
        call("bind") { put("sock", sock); put("endpoint", endpoint) }["endpoint"]!!.jsonPrimitive.content

    fun connect(endpoint: String, sock: String = "s") {
        call("connect") { put("sock", sock); put("endpoint", endpoint) }
    }

    fun send(message: Message, sock: String = "s", timeoutMs: Int = 5000) {
        call("send", timeoutMs + 5000L) {
            put("sock", sock)
            put("timeout", timeoutMs)
            put("frames", JsonArray(message.frames.map { JsonPrimitive(HEX.formatHex(it.bytes())) }))
        }
    }

    fun send(vararg frames: String, sock: String = "s") = send(Message.of(*frames), sock)

    fun receive(sock: String = "s", timeoutMs: Int = 5000): Message {
        val answer = call("recv", timeoutMs + 5000L) { put("sock", sock); put("timeout", timeoutMs) }
        return toMessage(answer["frames"]!!.jsonArray)
    }

    /**
     * Receives a message and reads [properties] of its connection as libzmq's `zmq_msg_gets` gives them (null
     * for a missing one).
     */
    fun receiveWithProperties(vararg properties: String, sock: String = "s", timeoutMs: Int = 5000): Pair<Message, Map<String, String?>> {
        val answer = call("recv_meta", timeoutMs + 5000L) {
            put("sock", sock)
            put("timeout", timeoutMs)
            put("props", JsonArray(properties.map { JsonPrimitive(it) }))
        }
        val props = answer["props"]!!.jsonObject.mapValues { (_, v) -> (v as? JsonPrimitive)?.takeIf { it.isString }?.content }
        return toMessage(answer["frames"]!!.jsonArray) to props
    }

    /** Starts pyzmq's `ThreadAuthenticator` on the peer's context, checking PLAIN against [passwords] in [domain]. */
    fun startAuthenticator(passwords: Map<String, String>, domain: String = "*") {
        call("auth_start") {
            put("domain", domain)
            put("passwords", JsonObject(passwords.mapValues { JsonPrimitive(it.value) }))
        }
    }

    fun stopAuthenticator() {
        call("auth_stop")
    }

    fun sendMany(count: Int, size: Int, sock: String = "s", timeoutMs: Int = 20_000) {
        call("send_many", timeoutMs + 10_000L) {
            put("sock", sock); put("count", count); put("size", size); put("timeout", timeoutMs)
        }
    }

    /** Receives up to [count] messages; returns how many arrived and the last one. */
    fun receiveMany(count: Int, sock: String = "s", timeoutMs: Int = 20_000): Pair<Int, Message?> {
        val answer = call("recv_many", timeoutMs.toLong() * 2 + 10_000L) {
            put("sock", sock); put("count", count); put("timeout", timeoutMs)
        }
        val last = answer["last"]!!.jsonArray
        return answer["count"]!!.jsonPrimitive.int to (if (last.isEmpty()) null else toMessage(last))
    }

    /** Receives [count] messages and sends each back. */
    fun echo(count: Int, sock: String = "s", timeoutMs: Int = 5000) {
        call("echo", timeoutMs.toLong() * count + 10_000L) { put("sock", sock); put("count", count); put("timeout", timeoutMs) }
    }

    /**
     * Sends [count] numbered messages without reading, then reads [count] echoes; returns how many distinct
     * echoes came back and the first numbers missing.
     */
    fun burst(count: Int, sock: String = "s", timeoutMs: Int = 10_000): Pair<Int, List<Int>> {
        val answer = call("burst", timeoutMs * 2L + 10_000L) { put("sock", sock); put("count", count); put("timeout", timeoutMs) }
        return answer["received"]!!.jsonPrimitive.int to answer["missing"]!!.jsonArray.map { it.jsonPrimitive.int }
    }

    /** Runs a ROUTER that drops requests at random until it sent [replies] replies; returns how many it dropped. */
    fun lazyServer(replies: Int, drop: Double, seed: Int = 1, sock: String = "s", timeoutMs: Int = 30_000): Int =
        call("lazy_server", timeoutMs + 10_000L) {
            put("sock", sock); put("replies", replies); put("drop", drop); put("seed", seed); put("timeout", timeoutMs)
        }["dropped"]!!.jsonPrimitive.int

    /** Forwards between sockets [front] and [back] until [count] replies went back out of [front]. */
    fun proxy(front: String, back: String, count: Int, timeoutMs: Int = 20_000): Int =
        call("proxy", timeoutMs + 10_000L) {
            put("front", front); put("back", back); put("count", count); put("timeout", timeoutMs)
        }["forwarded"]!!.jsonPrimitive.int

    /** Subscribes (or unsubscribes) a SUB or XSUB socket to each of [topics]. */
    fun subscribe(vararg topics: String, sock: String = "s", unsubscribe: Boolean = false) {
        call("subscribe", 60_000) {
            put("sock", sock)
            put("unsubscribe", unsubscribe)
            put("topics", JsonArray(topics.map { JsonPrimitive(HEX.formatHex(it.toByteArray())) }))
        }
    }

    fun monitor(sock: String = "s") {
        call("monitor") { put("sock", sock) }
    }

    /** Monitor event names seen so far; waits up to [waitMs] for [until] when given. */
    fun events(sock: String = "s", waitMs: Int = 0, until: String? = null): List<String> {
        val answer = call("events", waitMs + 10_000L) {
            put("sock", sock); put("wait", waitMs); until?.let { put("until", it) }
        }
        return answer["events"]!!.jsonArray.map { it.jsonObject["event"]!!.jsonPrimitive.content }
    }

    /** Monitor events seen so far with their values; waits up to [waitMs] for [until] when given. */
    fun eventValues(sock: String = "s", waitMs: Int = 0, until: String? = null): List<Pair<String, Long>> {
        val answer = call("events", waitMs + 10_000L) {
            put("sock", sock); put("wait", waitMs); until?.let { put("until", it) }
        }
        return answer["events"]!!.jsonArray.map {
            it.jsonObject["event"]!!.jsonPrimitive.content to it.jsonObject["value"]!!.jsonPrimitive.content.toLong()
        }
    }

    fun closeSocket(sock: String = "s", lingerMs: Int = 1000) {
        call("close") { put("sock", sock); put("linger", lingerMs) }
    }

    /** Kills the process at once, as a crash would. */
    fun kill() {
        process.destroyForcibly()
        process.waitFor(10, TimeUnit.SECONDS)
    }

    override fun close() {
        if (process.isAlive) {
            try {
                call("exit", 10_000)
            } catch (_: Exception) {
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly()
        }
    }

    class PeerError(message: String) : RuntimeException(message)

    companion object {
        private val HEX = HexFormat.of()

        private val script: File by lazy {
            val text = LibzmqPeer::class.java.getResource("/interop/libzmq_peer.py")!!.readText()
            File.createTempFile("libzmq_peer", ".py").apply {
                deleteOnExit()
                writeText(text)
            }
        }

        /** Starts a new peer process. */
        fun start(): LibzmqPeer {
            val process = ProcessBuilder(Peers.PYTHON, "-u", script.absolutePath).start()
            return LibzmqPeer(process)
        }

        private fun Any.toJson(): JsonElement = when (this) {
            is Number -> JsonPrimitive(this)
            is Boolean -> JsonPrimitive(if (this) 1 else 0)
            is ByteArray -> JsonPrimitive(HEX.formatHex(this))
            else -> JsonPrimitive(this.toString())
        }

        private fun toMessage(frames: JsonArray): Message =
            Message(frames.map { Frame.of(HEX.parseHex(it.jsonPrimitive.content)) })
    }
}
