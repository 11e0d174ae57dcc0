package dev.zmqkt.bench.log

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.LoggerContext
import ch.qos.logback.classic.util.LogbackMDCAdapter
import dev.zmqkt.AgainException
import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.log.LogSubscriber
import dev.zmqkt.log.logback.ZmqAppender
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.locks.LockSupport
import kotlin.concurrent.thread

/**
 * The log-publishing load case, run as its own JVM by [LogLoadCases]: [records] records logged through SLF4J
 * into the Logback [ZmqAppender] from [threads] threads at once, timing every logging call, with no subscriber,
 * a slow one (reads a record, then pauses 100 us: at most 10 k records/s) or a fast one (reads as fast as it
 * can). Prints one line of `key=value` pairs: the time per call (mean, percentiles, max), calls per second over
 * the run, and how many records were published and dropped.
 *
 * Arguments: `records threads none|slow|fast`.
 */
fun main(args: Array<String>) {
    val records = args[0].toInt()
    val threads = args[1].toInt()
    val subscriberKind = args[2]
    val lc = LoggerContext().apply { name = "log-load"; mdcAdapter = LogbackMDCAdapter() }
    val appender = ZmqAppender().apply {
        context = lc
        name = "ZMQ"
        addBind("tcp://127.0.0.1:*")
        rootTopic = "bench"
        start()
    }
    check(appender.isStarted) { "appender did not start: ${lc.statusManager.copyOfStatusList}" }
    val log = lc.getLogger("bench.app").apply { addAppender(appender); level = Level.INFO; isAdditive = false }

    val context = Context().apply { defaultOptions.linger = Duration.ZERO }
    val reading = AtomicBoolean(true)
    val received = AtomicLong()
    var reader: Thread? = null
    if (subscriberKind != "none") {
        val sub = context.socket(SocketType.SUB).apply {
            subscribe("")
            connect(appender.boundEndpoints.single())
        }
        val subscriber = LogSubscriber(sub)
        // publish probes until the subscriber has joined
        while (true) {
            log.info("probe")
            try {
                subscriber.receiveBlocking(Duration.ofMillis(20))
                break
            } catch (_: AgainException) {
            }
        }
        val pause = if (subscriberKind == "slow") TimeUnit.MICROSECONDS.toNanos(100) else 0L
        reader = thread(name = "log-load-subscriber") {
            while (reading.get()) {
                val message = sub.tryReceive()
                if (message == null) {
                    try {
                        sub.receiveBlocking(Duration.ofMillis(100))
                    } catch (_: Exception) {
                        continue
                    }
                }
                received.incrementAndGet()
                if (pause > 0) LockSupport.parkNanos(pause)
            }
        }
    }

    // warm-up: the JIT compiles the logging path before it is measured
    runThreads(threads, (records / 10).coerceAtLeast(threads)) { i, name -> log.info("warm-up {} from {}", i, name) }
    val publishedBefore = appender.publishedCount
    val droppedBefore = appender.droppedCount
    val receivedBefore = received.get()
    val start = System.nanoTime()
    val times = runThreads(threads, records) { i, name -> log.info("order {} placed by {}", i, name) }
    val wall = System.nanoTime() - start
    val published = appender.publishedCount - publishedBefore
    val dropped = appender.droppedCount - droppedBefore
    reading.set(false)
    reader?.join()
    val got = received.get() - receivedBefore
    lc.stop()
    context.close(Duration.ZERO)

    times.sort()
    fun percentile(p: Double) = times[((times.size - 1) * p).toInt()]
    println(
        "records=$records threads=$threads subscriber=$subscriberKind wall_s=${"%.3f".format(wall / 1e9)} " +
            "calls_per_s=${(records / (wall / 1e9)).toLong()} mean_ns=${times.average().toLong()} " +
            "p50_ns=${percentile(0.5)} p99_ns=${percentile(0.99)} p999_ns=${percentile(0.999)} " +
            "p9999_ns=${percentile(0.9999)} max_ns=${times.last()} published=$published dropped=$dropped " +
            "received_during_run=$got",
    )
}

/**
 * Runs [count] calls of [call] spread over [threads] threads started together; returns the time of each call in
 * nanoseconds.
 */
private fun runThreads(threads: Int, count: Int, call: (Int, String) -> Unit): LongArray {
    val perThread = count / threads
    val times = LongArray(perThread * threads)
    val go = CountDownLatch(1)
    val workers = (0 until threads).map { t ->
        thread(name = "log-load-$t") {
            val name = Thread.currentThread().name
            go.await()
            val base = t * perThread
            for (i in 0 until perThread) {
                val before = System.nanoTime()
                call(i, name)
                times[base + i] = System.nanoTime() - before
            }
        }
    }
    go.countDown()
    workers.forEach { it.join() }
    return times
}
