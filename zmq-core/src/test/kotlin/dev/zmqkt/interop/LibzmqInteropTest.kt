package dev.zmqkt.interop

import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.LibzmqPeer
import dev.zmqkt.support.Peers
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldNotContain
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.net.ServerSocket
import java.time.Duration

/** zmq-kt against libzmq 4.3 (through pyzmq in another process), both directions. */
class LibzmqInteropTest : FunSpec({
    defaultTestConfig = io.kotest.core.test.config.DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    fun numbered(i: Int) = Message.of("$i")

    test("zmq-kt PUSH binds, libzmq PULL connects") {
        withTestContext { ctx -> peer { lz ->
            val push = ctx.socket(SocketType.PUSH)
            val endpoint = push.bind("tcp://127.0.0.1:*")
            lz.socket("PULL")
            lz.connect(endpoint)
            repeat(1000) { push.send(numbered(it)) }
            val (count, last) = io { lz.receiveMany(1000) }
            count shouldBe 1000
            last shouldBe numbered(999)
        } }
    }

    test("libzmq PUSH binds, zmq-kt PULL connects") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("PUSH")
            val endpoint = lz.bind("tcp://127.0.0.1:*")
            val pull = ctx.socket(SocketType.PULL).apply { connect(endpoint) }
            io { lz.sendMany(1000, 10) }
            val got = within { (0 until 1000).map { pull.receive()[0].decodeToString() } }
            got.first() shouldBe "0000000000"
            got.last() shouldBe "9990000000"
        } }
    }

    test("libzmq PUSH connects to a zmq-kt PULL; zmq-kt PUSH connects to a libzmq PULL") {
        withTestContext { ctx -> peer { lz ->
            val pull = ctx.socket(SocketType.PULL)
            lz.socket("PUSH", "push")
            lz.connect(pull.bind("tcp://127.0.0.1:*"), "push")
            io { lz.send(Message.of("from libzmq", "two"), sock = "push") }
            within { pull.receive() } shouldBe Message.of("from libzmq", "two")
            lz.socket("PULL", "pull")
            val endpoint = lz.bind("tcp://127.0.0.1:*", "pull")
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("from zmq-kt"))
            io { lz.receive("pull") } shouldBe Message.of("from zmq-kt")
        } }
    }

    test("PAIR to PAIR both ways with multipart, empty and binary frames, and a 1 MiB message") {
        withTestContext { ctx -> peer { lz ->
            val big = ByteArray(1 shl 20) { (it * 31).toByte() }
            val odd = Message(listOf(Frame.of(byteArrayOf(0, -1, 127)), Frame.EMPTY, Frame.of("text"), Frame.of(ByteArray(300))))
            // zmq-kt binds
            val pair = ctx.socket(SocketType.PAIR)
            lz.socket("PAIR", "a")
            lz.connect(pair.bind("tcp://127.0.0.1:*"), "a")
            for (m in listOf(odd, Message.of(big))) {
                pair.send(m)
                io { lz.echo(1, "a") }
                within { pair.receive() } shouldBe m
            }
            // libzmq binds
            lz.socket("PAIR", "b")
            val other = ctx.socket(SocketType.PAIR).apply { connect(lz.bind("tcp://127.0.0.1:*", "b")) }
            io { lz.send(Message.of(big), "b") }
            within { other.receive() }.first().bytes().contentEquals(big) shouldBe true
            other.send(odd)
            io { lz.receive("b") } shouldBe odd
        } }
    }

    test("heartbeats switched on at the libzmq side keep the connection up; ours are answered too") {
        withTestContext { ctx -> peer { lz ->
            val pair = ctx.socket(SocketType.PAIR).apply {
                heartbeatInterval = Duration.ofMillis(100)
                heartbeatTimeout = Duration.ofMillis(300)
            }
            val ourDisconnects = pair.monitor(SocketEventType.DISCONNECTED)
            lz.socket("PAIR", options = mapOf("HEARTBEAT_IVL" to 100, "HEARTBEAT_TIMEOUT" to 300, "HEARTBEAT_TTL" to 500))
            lz.monitor()
            lz.connect(pair.bind("tcp://127.0.0.1:*"))
            io { lz.events(waitMs = 5000, until = "HANDSHAKE_SUCCEEDED") }
            // idle for several heartbeat timeouts: neither side may drop the connection
            io { lz.events(waitMs = 1500) } shouldNotContain "DISCONNECTED"
            withTimeoutOrNull(100) { ourDisconnects.first() } shouldBe null
            pair.send(Message.of("still here"))
            io { lz.receive() } shouldBe Message.of("still here")
        } }
    }

    test("when the libzmq peer restarts, zmq-kt reconnects and traffic resumes") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val endpoint = "tcp://127.0.0.1:$port"
            val push = ctx.socket(SocketType.PUSH).apply { reconnectInterval = Duration.ofMillis(20) }
            val disconnected = push.monitor(SocketEventType.DISCONNECTED)
            push.connect(endpoint)
            val first = io { LibzmqPeer.start() }
            first.socket("PULL")
            first.bind(endpoint)
            push.send(Message.of("before restart"))
            io { first.receive() } shouldBe Message.of("before restart")
            io { first.kill() }
            within { disconnected.first() }
            peer { second ->
                second.socket("PULL")
                second.bind(endpoint)
                push.send(Message.of("after restart"))
                io { second.receive(timeoutMs = 10_000) } shouldBe Message.of("after restart")
            }
        }
    }

    test("a libzmq socket of an incompatible type is refused") {
        withTestContext { ctx -> peer { lz ->
            val push = ctx.socket(SocketType.PUSH)
            val endpoint = push.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val failed = expectEvent(push, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                lz.socket("PUSH")
                lz.connect(endpoint)
                failed.await()
            }
        } }
    }
})
