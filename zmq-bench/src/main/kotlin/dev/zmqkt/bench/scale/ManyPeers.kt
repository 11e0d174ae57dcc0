package dev.zmqkt.bench.scale

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import java.time.Duration
import kotlin.system.exitProcess

/**
 * The many-peers scale case, as two processes:
 *
 * - `server N rounds`: one ROUTER bound on tcp loopback; prints `ready <endpoint>`, echoes `N * rounds`
 *   messages back to whoever sent them, then prints its footprint with every peer still connected, compared
 *   with its footprint before any peer came, and holds its connections open until its standard input closes;
 * - `clients endpoint N rounds`: N DEALER sockets, each connected on its own TCP connection, each sending a
 *   request and waiting for its reply `rounds` times; prints `done` and then holds its connections open until
 *   its standard input closes.
 */
object ManyPeers {
    /** Linux caps a listen backlog at net.core.somaxconn, 4096 by default. */
    private const val MAX_BACKLOG = 4096

    @JvmStatic
    fun main(args: Array<String>) {
        runBlocking(Dispatchers.Default) {
            when (args[0]) {
                "server" -> server(args[1].toInt(), args[2].toInt())
                "clients" -> clients(args[1], args[2].toInt(), args[3].toInt())
                else -> error("usage: ManyPeers server N rounds | clients endpoint N rounds")
            }
        }
        exitProcess(0)
    }

    private suspend fun server(peers: Int, rounds: Int) {
        val ctx = Context()
        try {
            val router = ctx.socket(SocketType.ROUTER).apply {
                linger = Duration.ZERO
                // Every client connects at once: with libzmq's default backlog of 100 the kernel drops most SYNs
                // and the clients retry 1, 3, 7... s later, so the storm would take tens of seconds.
                backlog = peers.coerceAtMost(MAX_BACKLOG)
            }
            val endpoint = router.bind("tcp://127.0.0.1:*")
            val before = ProcessFootprint.measure()
            println("ready $endpoint")
            System.out.flush()
            val total = peers.toLong() * rounds
            var echoed = 0L
            var start = 0L
            while (echoed < total) {
                val request = router.receive()
                if (echoed == 0L) start = System.nanoTime()
                router.send(request) // [routing id, payload]: back to the peer it came from
                echoed++
            }
            val seconds = (System.nanoTime() - start) / 1e9
            val after = ProcessFootprint.measure()
            println(
                "peers=$peers messages=${total * 2} seconds=%.2f heap_per_peer_bytes=%d direct_bytes=%d threads=%d threads_before=%d zmq_kt_threads=%d fds=%d fds_before=%d".format(
                    seconds, (after.heapBytes - before.heapBytes) / peers, after.directBytes, after.threads,
                    before.threads, after.libraryThreads, after.fileDescriptors, before.fileDescriptors,
                ),
            )
            System.out.flush()
            System.`in`.read() // hold the connections until the clients have measured themselves
        } finally {
            ctx.terminate()
        }
    }

    private suspend fun clients(endpoint: String, peers: Int, rounds: Int) {
        val ctx = Context()
        ctx.defaultOptions.linger = Duration.ZERO
        try {
            val dealers = (0 until peers).map { i ->
                ctx.socket(SocketType.DEALER).apply {
                    routingId = "peer-$i".toByteArray()
                    connect(endpoint)
                }
            }
            coroutineScope {
                for ((i, dealer) in dealers.withIndex()) {
                    launch {
                        val request = Message.of("request from peer $i")
                        repeat(rounds) {
                            dealer.send(request)
                            val reply = dealer.receive()
                            check(reply[0].decodeToString() == "request from peer $i") { "peer $i got a reply meant for another" }
                        }
                    }
                }
            }
            val footprint = ProcessFootprint.measure()
            println("done threads=${footprint.threads} fds=${footprint.fileDescriptors}")
            System.out.flush()
            System.`in`.read() // hold the connections until the runner has measured the server
        } finally {
            ctx.terminate()
        }
    }
}
