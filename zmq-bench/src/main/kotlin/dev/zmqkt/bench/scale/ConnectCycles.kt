package dev.zmqkt.bench.scale

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import java.time.Duration
import kotlin.system.exitProcess

/**
 * The connect/disconnect scale case: `cycles N`. One ROUTER stays bound on tcp loopback; each cycle makes a
 * new DEALER, connects it, does one request and reply, and closes it. The process's footprint is measured after
 * a warm-up and again at the end, each time once the ROUTER has seen every accepted connection go away, and
 * printed as one line: growth in heap, file descriptors and threads.
 */
object ConnectCycles {
    private const val WARM_UP = 2_000

    @JvmStatic
    fun main(args: Array<String>) {
        val cycles = args[0].toInt()
        runBlocking(Dispatchers.Default) { run(cycles) }
        exitProcess(0)
    }

    private suspend fun run(cycles: Int) = coroutineScope {
        val ctx = Context()
        ctx.defaultOptions.linger = Duration.ZERO
        try {
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind("tcp://127.0.0.1:*")
            // Connections the ROUTER holds now: accepted minus disconnected, from its own monitor events.
            val open = MutableStateFlow(0)
            val events = router.monitor(SocketEventType.ACCEPTED, SocketEventType.DISCONNECTED)
            val watcher = launch {
                events.collect { e -> open.value += if (e.type == SocketEventType.ACCEPTED) 1 else -1 }
            }
            val echo = launch {
                while (true) router.send(router.receive())
            }
            suspend fun cycle(i: Int) {
                val dealer = ctx.socket(SocketType.DEALER)
                dealer.connect(endpoint)
                dealer.send(Message.of("cycle $i"))
                check(dealer.receive()[0].decodeToString() == "cycle $i")
                dealer.close()
            }
            suspend fun settled(): ProcessFootprint {
                withTimeout(60_000) { open.first { it == 0 } }
                return ProcessFootprint.measure()
            }

            for (i in 0 until WARM_UP) cycle(i)
            val before = settled()
            val start = System.nanoTime()
            for (i in 0 until cycles) cycle(i)
            val seconds = (System.nanoTime() - start) / 1e9
            val after = settled()
            println(
                "cycles=$cycles seconds=%.1f cycles_per_s=%.0f heap_before=%d heap_after=%d fds_before=%d fds_after=%d threads_before=%d threads_after=%d zmq_kt_threads_before=%d zmq_kt_threads_after=%d".format(
                    seconds, cycles / seconds, before.heapBytes, after.heapBytes, before.fileDescriptors,
                    after.fileDescriptors, before.threads, after.threads, before.libraryThreads, after.libraryThreads,
                ),
            )
            System.out.flush()
            echo.cancel()
            watcher.cancel()
        } finally {
            ctx.terminate()
        }
    }
}
