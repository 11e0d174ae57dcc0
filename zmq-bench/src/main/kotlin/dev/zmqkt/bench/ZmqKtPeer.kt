package dev.zmqkt.bench

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.devices.proxy
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.time.Duration
import kotlin.system.exitProcess

/**
 * zmq-kt side of the benchmark, the same roles and output as the C peer (`bench_peer.c`):
 * `thr-recv|thr-send|lat-echo|lat-ping endpoint count size [type]`.
 */
object ZmqKtPeer {
    @JvmStatic
    fun main(args: Array<String>) {
        if (args.size < 4) {
            System.err.println("usage: ZmqKtPeer thr-recv|thr-send|lat-echo|lat-ping endpoint count size [type]")
            exitProcess(2)
        }
        val (mode, endpoint) = args
        val count = args[2].toLong()
        val size = args[3].toInt()
        val fifth = args.getOrElse(4) { "PAIR" }
        // The peer's own code runs as coroutines on Dispatchers.Default, as a coroutine application's would.
        runBlocking(Dispatchers.Default) {
            when (mode) {
                "fan-pub" -> fanPublisher(endpoint, count, size, fifth.toInt())
                "fan-sub" -> fanSubscribers(endpoint, count, fifth.toInt())
                "proxy" -> proxyRole(endpoint, fifth)
                else -> run(mode, endpoint, count, size, SocketType.valueOf(fifth))
            }
        }
        exitProcess(0)
    }

    private suspend fun run(mode: String, endpoint: String, count: Long, size: Int, type: SocketType) = withContext { ctx ->
        ctx.defaultOptions.linger = Duration.ofSeconds(30)
        when (mode) {
            "thr-recv" -> {
                val s = ctx.socket(SocketType.PULL)
                s.bind(endpoint)
                ready()
                val w = Warmup.count(count, 1)
                for (i in 0 until w) s.receive()
                val start = System.nanoTime()
                for (i in w until count) {
                    val m = s.receive()
                    if (m[0].size != size) error("wrong size ${m[0].size}")
                }
                val seconds = (System.nanoTime() - start) / 1e9
                println("msgs_per_s=%.0f".format((count - w) / seconds))
            }
            "thr-send" -> {
                val s = ctx.socket(SocketType.PUSH)
                s.connect(endpoint)
                val payload = ByteArray(size) { 'x'.code.toByte() }
                for (i in 0 until count) s.send(Message.of(payload))
            }
            "lat-echo" -> {
                val s = ctx.socket(type)
                s.bind(endpoint)
                ready()
                for (i in 0 until count) s.send(s.receive())
            }
            "lat-ping" -> {
                val s = ctx.socket(type)
                s.connect(endpoint)
                val m = Message.of(ByteArray(size) { 'x'.code.toByte() })
                val w = Warmup.count(count, 0)
                for (i in 0 until w) {
                    s.send(m)
                    s.receive()
                }
                val start = System.nanoTime()
                for (i in w until count) {
                    s.send(m)
                    s.receive()
                }
                val micros = (System.nanoTime() - start) / 1e3
                println("one_way_us=%.2f".format(micros / (2.0 * (count - w))))
            }
            "inproc-thr" -> coroutineScope {
                val pull = ctx.socket(SocketType.PULL)
                pull.bind(endpoint)
                val push = ctx.socket(SocketType.PUSH)
                push.connect(endpoint)
                val payload = ByteArray(size) { 'x'.code.toByte() }
                launch(Dispatchers.Default) { for (i in 0 until count) push.send(Message.of(payload)) }
                val w = Warmup.count(count, 1)
                for (i in 0 until w) pull.receive()
                val start = System.nanoTime()
                for (i in w until count) pull.receive()
                val seconds = (System.nanoTime() - start) / 1e9
                println("msgs_per_s=%.0f".format((count - w) / seconds))
            }
            "inproc-lat" -> coroutineScope {
                val s = ctx.socket(type)
                s.bind(endpoint)
                val echo = ctx.socket(if (type == SocketType.REQ) SocketType.REP else type)
                echo.connect(endpoint)
                launch(Dispatchers.Default) { for (i in 0 until count) echo.send(echo.receive()) }
                val m = Message.of(ByteArray(size) { 'x'.code.toByte() })
                val w = Warmup.count(count, 0)
                for (i in 0 until w) {
                    s.send(m)
                    s.receive()
                }
                val start = System.nanoTime()
                for (i in w until count) {
                    s.send(m)
                    s.receive()
                }
                val micros = (System.nanoTime() - start) / 1e3
                println("one_way_us=%.2f".format(micros / (2.0 * (count - w))))
            }
            else -> error("unknown mode $mode")
        }
    }

    /** An XPUB (verbose, no-drop) that waits for [subs] subscriptions, then publishes [count] messages. */
    private suspend fun fanPublisher(endpoint: String, count: Long, size: Int, subs: Int) = withContext { ctx ->
        val xpub = ctx.socket(SocketType.XPUB).apply {
            xpubVerbose = true
            xpubNoDrop = true
            linger = Duration.ofSeconds(30)
        }
        xpub.bind(endpoint)
        ready()
        repeat(subs) { xpub.receive() }
        val payload = ByteArray(size) { 'x'.code.toByte() }
        for (i in 0 until count) xpub.send(Message.of(payload))
    }

    /** [subs] SUB sockets each receive [count] messages; prints the per-subscriber rate. */
    private suspend fun fanSubscribers(endpoint: String, count: Long, subs: Int) = withContext { ctx ->
        val sockets = (0 until subs).map { ctx.socket(SocketType.SUB).apply { subscribe(""); connect(endpoint) } }
        val w = Warmup.count(count, 1)
        val warmedUp = java.util.concurrent.atomic.AtomicLong(0)
        val started = java.util.concurrent.atomic.AtomicLong(0)
        coroutineScope {
            for (s in sockets) {
                launch(Dispatchers.Default) {
                    for (i in 0 until w) s.receive()
                    if (warmedUp.incrementAndGet() == subs.toLong()) started.set(System.nanoTime())
                    for (i in w until count) s.receive()
                }
            }
        }
        val seconds = (System.nanoTime() - started.get()) / 1e9
        println("msgs_per_s=%.0f".format((count - w) / seconds))
    }

    /**
     * The proxy role: zmq-devices' [proxy] between a PULL frontend bound at [endpoint] and a PUSH backend
     * connected to [backend], until the runner ends the process.
     */
    private suspend fun proxyRole(endpoint: String, backend: String) {
        withContext { ctx ->
            val front = ctx.socket(SocketType.PULL).apply { bind(endpoint) }
            val back = ctx.socket(SocketType.PUSH).apply { connect(backend) }
            ready()
            proxy(front, back)
        }
    }

    /** Runs [block] with a new context, terminated (suspending, never blocking a worker thread) at the end. */
    private suspend fun <T> withContext(block: suspend (Context) -> T): T {
        val ctx = Context()
        try {
            return block(ctx)
        } finally {
            ctx.terminate()
        }
    }

    private fun ready() {
        println("ready")
        System.out.flush()
    }
}
