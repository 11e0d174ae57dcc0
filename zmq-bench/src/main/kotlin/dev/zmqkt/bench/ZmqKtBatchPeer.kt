package dev.zmqkt.bench

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
 * zmq-kt's batch forms in the throughput roles (`thr-recv|thr-send|inproc-thr endpoint count size`): the sender
 * hands [BATCH] messages per `sendAll`, the receiver takes up to [BATCH] per `receiveAvailable`, so the socket is
 * locked once per batch instead of once per message. Same output as [ZmqKtPeer].
 */
object ZmqKtBatchPeer {
    private const val BATCH = 256

    @JvmStatic
    fun main(args: Array<String>) {
        val (mode, endpoint) = args
        val count = args[2].toLong()
        val size = args[3].toInt()
        runBlocking(Dispatchers.Default) {
            val ctx = Context()
            ctx.defaultOptions.linger = Duration.ofSeconds(30)
            try {
                when (mode) {
                    "thr-recv" -> {
                        val s = ctx.socket(SocketType.PULL)
                        s.bind(endpoint)
                        println("ready")
                        System.out.flush()
                        receive(s, count, size)
                    }
                    "thr-send" -> {
                        val s = ctx.socket(SocketType.PUSH)
                        s.connect(endpoint)
                        send(s, count, size)
                    }
                    "inproc-thr" -> coroutineScope {
                        val pull = ctx.socket(SocketType.PULL)
                        pull.bind(endpoint)
                        val push = ctx.socket(SocketType.PUSH)
                        push.connect(endpoint)
                        launch(Dispatchers.Default) { send(push, count, size) }
                        receive(pull, count, size)
                    }
                    else -> error("unknown mode $mode")
                }
            } finally {
                ctx.terminate()
            }
        }
        exitProcess(0)
    }

    private suspend fun send(s: dev.zmqkt.Socket, count: Long, size: Int) {
        val payload = ByteArray(size) { 'x'.code.toByte() }
        var left = count
        while (left > 0) {
            val n = minOf(left, BATCH.toLong()).toInt()
            s.sendAll(List(n) { Message.of(payload) })
            left -= n
        }
    }

    private suspend fun receive(s: dev.zmqkt.Socket, count: Long, size: Int) {
        val w = Warmup.count(count, 1)
        var got = 0L
        while (got < w) got += s.receiveAvailable(minOf(BATCH.toLong(), w - got).toInt()).size
        val start = System.nanoTime()
        while (got < count) {
            for (m in s.receiveAvailable(minOf(BATCH.toLong(), count - got).toInt())) {
                if (m[0].size != size) error("wrong size ${m[0].size}")
                got++
            }
        }
        val seconds = (System.nanoTime() - start) / 1e9
        println("msgs_per_s=%.0f".format((count - w) / seconds))
    }
}
