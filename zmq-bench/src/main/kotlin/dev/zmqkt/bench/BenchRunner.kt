package dev.zmqkt.bench

import dev.zmqkt.bench.log.LogLoadCases
import dev.zmqkt.bench.scale.ScaleCases

/**
 * The benchmark runner: measures zmq-kt, JeroMQ and libzmq in one run and prints one JSON line per case and
 * implementation, then the ratios zmq-kt/libzmq and zmq-kt/JeroMQ.
 *
 * Options: `--rounds N` (median of N runs, default 3), `--scale X` (multiply message counts, default 1.0),
 * `--only thr|proxy|fan|lat|scale|log`, `--proxy-ends libzmq|self` (who sends and receives around the proxies:
 * libzmq's C peer for all, the default when it is built, or each implementation itself), `--out DIR` (where [RunReport] writes results.md, results.jsonl and the charts,
 * default `bench-results`).
 */
fun main(args: Array<String>) {
    val rounds = option(args, "--rounds")?.toInt() ?: 3
    val scale = option(args, "--scale")?.toDouble() ?: 1.0
    val only = option(args, "--only")
    val out = java.io.File(option(args, "--out") ?: "bench-results")

    val impls = buildList {
        add(Implementation.zmqKt)
        add(Implementation.jeromq)
        LibzmqPeerBuild.build()?.let { add(Implementation.native("libzmq", it)) }
    }
    // The Java CompletableFuture path runs where its ratio to the Kotlin path is reported.
    val withJava = impls + Implementation.zmqKtJava
    // The throughput cases also run zmq-kt's batch forms.
    val throughputImpls = withJava + Implementation.zmqKtBatch + Implementation.zmqKtJavaBatch
    val results = ArrayList<Result>()
    val scaleLines = ArrayList<String>()
    fun record(r: Result) {
        results += r
        println(r.json())
        System.out.flush()
    }

    // Counts are long enough that the JVM peers reach steady state in their warm-up half: with 3 M messages at
    // 10 B, the JIT compiler threads still held about half the CPU samples and both JVMs measured ~35% lower.
    if (only == null || only == "thr") {
        for (size in listOf(10, 100, 1000)) {
            val count = (when (size) { 10 -> 10_000_000L; 100 -> 6_000_000L; else -> 3_000_000L } * scale).toLong()
            for (impl in throughputImpls) {
                val value = median(rounds) { Cases.throughput(impl, size, count) }
                record(Result("thr", "tcp", size, impl.name, "msgs_per_s", value))
            }
        }
    }
    if (only == null || only == "thr") {
        for (size in listOf(10, 100, 1000)) {
            val count = (when (size) { 10 -> 10_000_000L; 100 -> 6_000_000L; else -> 3_000_000L } * scale).toLong()
            for (impl in throughputImpls) {
                val value = median(rounds) { Cases.inprocThroughput(impl, size, count) }
                record(Result("thr", "inproc", size, impl.name, "msgs_per_s", value))
            }
        }
    }
    if (only == null || only == "proxy") {
        // The three proxies between the same sender and receiver, so that the proxy is what differs.
        val native = impls.firstOrNull { it.name == "libzmq" }
        val ends = if (option(args, "--proxy-ends") == "self") null else native
        for (size in listOf(10, 100, 1000)) {
            val count = (when (size) { 10 -> 6_000_000L; 100 -> 4_000_000L; else -> 2_000_000L } * scale).toLong()
            for (impl in impls) {
                val value = median(rounds) { Cases.proxy(impl, ends ?: impl, size, count) }
                record(Result("proxy", "tcp", size, impl.name, "msgs_per_s", value))
            }
        }
    }
    if (only == null || only == "fan") {
        for (subs in listOf(1, 10, 100)) {
            // Deliveries: 6 M to one subscriber, 10 M spread over 10 or 100.
            val count = ((if (subs == 1) 6_000_000L else 10_000_000L / subs) * scale).toLong().coerceAtLeast(1000)
            for (impl in impls) {
                val value = median(rounds) { Cases.fanout(impl, subs, 10, count) }
                record(Result("fanout-$subs", "tcp", 10, impl.name, "msgs_per_s", value))
            }
        }
    }
    if (only == null || only == "lat") {
        val roundTrips = (40_000 * scale).toLong().coerceAtLeast(100)
        for ((case, transport) in listOf("lat" to "tcp", "lat-reqrep" to "tcp", "lat-reqrep" to "ipc", "lat-reqrep" to "inproc")) {
            val (bound, connecting) = if (case == "lat") "PAIR" to "PAIR" else "REP" to "REQ"
            for (impl in if (case == "lat-reqrep" && transport == "tcp") withJava else impls) {
                val value = median(rounds) {
                    if (transport == "inproc") Cases.inprocLatency(impl, 10, roundTrips, connecting)
                    else Cases.latency(impl, transport, 10, roundTrips, bound, connecting)
                }
                record(Result(case, transport, 10, impl.name, "one_way_us", value))
            }
        }
    }
    if (only == null || only == "scale") {
        val peers = (10_000 * scale).toInt().coerceAtLeast(100)
        scaleLines += ScaleCases.json("scale-peers", ScaleCases.manyPeers(peers, rounds = 10)).also(::println)
        val cycles = (100_000 * scale).toInt().coerceAtLeast(1000)
        scaleLines += ScaleCases.json("scale-connect-cycles", ScaleCases.connectCycles(cycles)).also(::println)
    }
    if (only == null || only == "log") {
        // zmq-log's appender under load: the time each logging call takes, never waiting for subscribers.
        val records = (1_000_000 * scale).toInt().coerceAtLeast(10_000)
        for (subscriber in listOf("none", "slow", "fast")) {
            scaleLines += ScaleCases.json("log-publish-4-threads", LogLoadCases.run(records, 4, subscriber)).also(::println)
        }
    }
    println()
    println(RatioTable.render(results))
    RunReport.write(out, args.toList(), results, scaleLines)
}

private fun option(args: Array<String>, name: String): String? {
    val i = args.indexOf(name)
    return if (i >= 0 && i + 1 < args.size) args[i + 1] else null
}

private fun median(rounds: Int, measure: () -> Double): Double {
    val values = (0 until rounds).map { measure() }.sorted()
    return values[values.size / 2]
}
