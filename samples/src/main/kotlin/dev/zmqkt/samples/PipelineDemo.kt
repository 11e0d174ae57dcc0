package dev.zmqkt.samples

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.time.Duration

/** What the pipeline demo computed, for printing and for the demo's own test. */
data class PipelineResult(
    val tasks: Int,
    val primes: Long,
    val tasksPerWorker: Map<String, Int>,
    val millis: Long,
)

/**
 * The zguide's parallel pipeline over tcp on loopback: a ventilator PUSHes ranges of numbers, [workers] PULL
 * them, count the primes in each and PUSH the counts to a sink that PULLs and adds them up.
 */
suspend fun runPipeline(workers: Int = 4, tasks: Int = 200, rangeSize: Int = 5_000): PipelineResult = Context().use { ctx ->
    ctx.defaultOptions.linger = Duration.ofSeconds(1)
    val ventilator = ctx.socket(SocketType.PUSH)
    val tasksEndpoint = ventilator.bind("tcp://127.0.0.1:*")
    val sink = ctx.socket(SocketType.PULL)
    val resultsEndpoint = sink.bind("tcp://127.0.0.1:*")
    println("ventilator bound at $tasksEndpoint, sink bound at $resultsEndpoint")

    val started = System.nanoTime()
    coroutineScope {
        // Wait until every worker is connected, so the ventilator deals work to all of them.
        val connected = ventilator.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
        val workerJobs = (1..workers).map { id ->
            val input = ctx.socket(SocketType.PULL).apply { connect(tasksEndpoint) }
            val output = ctx.socket(SocketType.PUSH).apply { connect(resultsEndpoint) }
            launch {
                while (true) {
                    val task = input.receive()
                    if (task[0].decodeToString() == "stop") break
                    val from = task[1].decodeToString().toLong()
                    val count = (from until from + rangeSize).count(::isPrime)
                    output.send(Message.of("worker-$id", count.toString()))
                }
            }
        }
        connected.take(workers).toList()
        println("$workers workers connected over tcp")

        for (t in 0 until tasks) ventilator.send(Message.of("range", (t.toLong() * rangeSize).toString()))
        val perWorker = HashMap<String, Int>()
        var primes = 0L
        repeat(tasks) {
            val result = sink.receive()
            perWorker.merge(result[0].decodeToString(), 1, Int::plus)
            primes += result[1].decodeToString().toLong()
        }
        repeat(workers) { ventilator.send(Message.of("stop")) }
        workerJobs.forEach { it.join() }
        PipelineResult(tasks, primes, perWorker.toSortedMap(), (System.nanoTime() - started) / 1_000_000)
    }
}

/** PAIR ping-pong over tcp: round trips per second and the mean round-trip time. */
suspend fun runPingPong(roundTrips: Int = 20_000): Pair<Double, Double> = Context().use { ctx ->
    val a = ctx.socket(SocketType.PAIR)
    val b = ctx.socket(SocketType.PAIR).apply { connect(a.bind("tcp://127.0.0.1:*")) }
    coroutineScope {
        launch { repeat(roundTrips) { b.send(b.receive()) } }
        val ping = Message.of("ping")
        a.send(ping)
        a.receive() // warm-up
        val started = System.nanoTime()
        repeat(roundTrips - 1) {
            a.send(ping)
            a.receive()
        }
        val seconds = (System.nanoTime() - started) / 1e9
        (roundTrips - 1) / seconds to seconds * 1e6 / (roundTrips - 1)
    }
}

internal fun isPrime(n: Long): Boolean {
    if (n < 2) return false
    if (n < 4) return true
    if (n % 2 == 0L) return false
    var d = 3L
    while (d * d <= n) {
        if (n % d == 0L) return false
        d += 2
    }
    return true
}

fun main() = runBlocking {
    println("== zmq-kt demo: a parallel pipeline over tcp ==")
    val result = runPipeline()
    println("counted ${result.primes} primes below ${result.tasks * 5_000L} in ${result.tasks} tasks, ${result.millis} ms")
    result.tasksPerWorker.forEach { (worker, n) -> println("  $worker did $n tasks") }
    println("== PAIR ping-pong over tcp ==")
    val (rate, micros) = runPingPong()
    println("%.0f round trips/s, %.1f us per round trip".format(rate, micros))
}
