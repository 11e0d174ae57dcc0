package dev.zmqkt.bench

import java.io.BufferedReader
import java.net.ServerSocket
import java.util.concurrent.TimeUnit

/** A measured result: the JSON fields of one line. */
data class Result(val case: String, val transport: String, val size: Int, val impl: String, val metric: String, val value: Double) {
    fun json(): String {
        val number = if (metric == "msgs_per_s") "%.0f".format(value) else "%.2f".format(value)
        return """{"case":"$case","transport":"$transport","size":$size,"impl":"$impl","$metric":$number}"""
    }
}

/**
 * Runs one benchmark round: a bound peer process and a connecting one, like libzmq's local_thr/remote_thr and
 * local_lat/remote_lat, each implementation talking to itself over tcp on loopback.
 *
 * Every count includes [warmup] leading messages (or round trips) that the peers do not time, passed to them as
 * `BENCH_WARMUP`, so the JVM implementations are measured after JIT compilation and libzmq is timed the same way.
 */
object Cases {
    /** The share of each count that is warm-up. */
    var warmupShare = 0.5
    /** PUSH/PULL throughput: [count] messages of [size] bytes; the receiver times them. Returns messages/s. */
    fun throughput(impl: Implementation, size: Int, count: Long): Double {
        val endpoint = "tcp://127.0.0.1:${freePort()}"
        return pair(
            count,
            impl.commandFor(listOf("thr-recv", endpoint, "$count", "$size")),
            impl.commandFor(listOf("thr-send", endpoint, "$count", "$size")),
            resultKey = "msgs_per_s",
        )
    }

    /**
     * PUB to [subs] SUB fan-out over tcp: an XPUB (no-drop, so nothing is lost) publishes [count] messages and
     * one process holds every subscriber. Returns messages per second delivered to each subscriber.
     */
    fun fanout(impl: Implementation, subs: Int, size: Int, count: Long): Double {
        val endpoint = "tcp://127.0.0.1:${freePort()}"
        return pair(
            count,
            impl.commandFor(listOf("fan-pub", endpoint, "$count", "$size", "$subs")),
            impl.commandFor(listOf("fan-sub", endpoint, "$count", "$size", "$subs")),
            resultKey = "msgs_per_s",
            resultFromSecond = true,
        )
    }

    /**
     * A proxy between a sender and a receiver, three processes over tcp: [ends]' PUSH (`thr-send`) -> a proxy
     * process of [impl] (a PULL frontend, a PUSH backend: `zmq_proxy`, JeroMQ's `ZMQ.proxy`, zmq-devices'
     * `proxy`) -> [ends]' PULL (`thr-recv`, which times the messages). Returns messages/s.
     */
    fun proxy(impl: Implementation, ends: Implementation, size: Int, count: Long): Double {
        val frontend = "tcp://127.0.0.1:${freePort()}"
        val backend = "tcp://127.0.0.1:${freePort()}"
        val receiver = start(ends.commandFor(listOf("thr-recv", backend, "$count", "$size")), count)
        try {
            val receiverOut = receiver.inputStream.bufferedReader()
            check(receiverOut.readLine() == "ready") { "receiver did not get ready" }
            val proxy = start(impl.commandFor(listOf("proxy", frontend, "$count", "$size", backend)), count)
            try {
                check(proxy.inputStream.bufferedReader().readLine() == "ready") { "proxy did not get ready" }
                val sender = start(ends.commandFor(listOf("thr-send", frontend, "$count", "$size")), count)
                try {
                    val line = receiverOut.readLine() ?: error("no result from the receiver")
                    check(line.startsWith("msgs_per_s=")) { "unexpected output: $line" }
                    check(receiver.waitFor(300, TimeUnit.SECONDS)) { "receiver did not finish" }
                    check(sender.waitFor(300, TimeUnit.SECONDS)) { "sender did not finish" }
                    return line.substringAfter('=').toDouble()
                } finally {
                    sender.destroyForcibly()
                }
            } finally {
                proxy.destroyForcibly()
                proxy.waitFor(30, TimeUnit.SECONDS)
            }
        } finally {
            receiver.destroyForcibly()
        }
    }

    /** PUSH/PULL throughput over inproc, both ends in one process. Returns messages/s. */
    fun inprocThroughput(impl: Implementation, size: Int, count: Long): Double =
        single(count, impl.commandFor(listOf("inproc-thr", "inproc://thr", "$count", "$size")), "msgs_per_s")

    /** Round-trip latency over inproc with socket [type] (REQ talks to REP). Returns one-way microseconds. */
    fun inprocLatency(impl: Implementation, size: Int, roundTrips: Long, type: String): Double =
        single(roundTrips, impl.commandFor(listOf("inproc-lat", "inproc://lat", "$roundTrips", "$size", type)), "one_way_us")

    /**
     * Round-trip latency over [transport] (tcp or ipc) with socket types [bound]/[connecting]: returns the
     * one-way time in microseconds.
     */
    fun latency(impl: Implementation, transport: String, size: Int, roundTrips: Long, bound: String, connecting: String): Double {
        val endpoint = if (transport == "ipc") {
            "ipc://" + java.io.File(System.getProperty("java.io.tmpdir"), "zmq-kt-bench-${System.nanoTime()}.ipc").path
        } else {
            "tcp://127.0.0.1:${freePort()}"
        }
        return pair(
            roundTrips,
            impl.commandFor(listOf("lat-echo", endpoint, "$roundTrips", "$size", bound)),
            impl.commandFor(listOf("lat-ping", endpoint, "$roundTrips", "$size", connecting)),
            resultKey = "one_way_us",
            resultFromSecond = true,
        )
    }

    /** Starts a peer that moves [count] messages (or round trips), telling it how many are warm-up. */
    private fun start(command: List<String>, count: Long): Process {
        return ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .also { it.environment()["BENCH_WARMUP"] = "${(count * warmupShare).toLong()}" }
            .start()
    }

    private fun pair(count: Long, first: List<String>, second: List<String>, resultKey: String, resultFromSecond: Boolean = false): Double {
        val a = start(first, count)
        try {
            val aOut = a.inputStream.bufferedReader()
            val ready = aOut.readLine()
            check(ready == "ready") { "peer did not get ready: $ready (${first.joinToString(" ")})" }
            val b = start(second, count)
            try {
                val bOut = b.inputStream.bufferedReader()
                val source: BufferedReader = if (resultFromSecond) bOut else aOut
                val line = source.readLine() ?: error("no result from ${if (resultFromSecond) second else first}")
                check(line.startsWith("$resultKey=")) { "unexpected output: $line" }
                check(b.waitFor(300, TimeUnit.SECONDS)) { "peer did not finish" }
                check(a.waitFor(300, TimeUnit.SECONDS)) { "peer did not finish" }
                return line.substringAfter('=').toDouble()
            } finally {
                b.destroyForcibly()
            }
        } finally {
            a.destroyForcibly()
        }
    }

    private fun single(count: Long, command: List<String>, resultKey: String): Double {
        val p = start(command, count)
        try {
            val line = p.inputStream.bufferedReader().readLine() ?: error("no result from ${command.joinToString(" ")}")
            check(line.startsWith("$resultKey=")) { "unexpected output: $line" }
            check(p.waitFor(300, TimeUnit.SECONDS)) { "peer did not finish" }
            return line.substringAfter('=').toDouble()
        } finally {
            p.destroyForcibly()
        }
    }

    private fun freePort(): Int = ServerSocket(0).use { it.localPort }
}
