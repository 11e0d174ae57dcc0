package dev.zmqkt.devices

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.Peers
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import java.io.File
import java.util.concurrent.TimeUnit

/** [proxySteerable]: libzmq 4.3's PAUSE, RESUME, TERMINATE and STATISTICS, and that pausing loses nothing. */
class SteerableProxyTest : FunSpec({
    fun stats(frontIn: Long, frontInBytes: Long, backOut: Long, backOutBytes: Long) =
        ProxyStatistics(frontIn, frontInBytes, 0, 0, 0, 0, backOut, backOutBytes)

    test("statistics count what moved; pause stops everything; resume moves what waited; terminate returns") {
        withTestContext { ctx ->
            coroutineScope {
                val frontend = ctx.socket(SocketType.PULL).apply { bind("inproc://steer-in") }
                val backend = ctx.socket(SocketType.PUSH).apply { bind("inproc://steer-out") }
                val control = ctx.socket(SocketType.PAIR).apply { bind("inproc://steer-ctl") }
                val steer = ctx.socket(SocketType.PAIR).apply { connect("inproc://steer-ctl") }
                val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://steer-in") }
                val pull = ctx.socket(SocketType.PULL).apply { connect("inproc://steer-out") }
                val running = async(start = CoroutineStart.UNDISPATCHED) { proxySteerable(frontend, backend, null, control) }
                suspend fun statistics(): ProxyStatistics {
                    steer.send(ProxyCommand.STATISTICS.toMessage())
                    return ProxyStatistics.fromMessage(within { steer.receive() })
                }

                for (i in 0 until 10) push.send(Message.of("m$i", "xy")) // 2 + 2 bytes each
                within { for (i in 0 until 10) pull.receive() shouldBe Message.of("m$i", "xy") }
                statistics() shouldBe stats(10, 40, 10, 40)

                steer.send(ProxyCommand.PAUSE.toMessage())
                statistics() shouldBe stats(10, 40, 10, 40) // answered after the pause took hold: commands run in order
                for (i in 10 until 60) push.send(Message.of("m$i", "xy"))
                withTimeoutOrNull(300) { pull.receive() } shouldBe null
                statistics() shouldBe stats(10, 40, 10, 40)

                steer.send(ProxyCommand.RESUME.toMessage())
                within { for (i in 10 until 60) pull.receive() shouldBe Message.of("m$i", "xy") }
                statistics() shouldBe stats(60, 40 + 50 * 5, 60, 40 + 50 * 5)

                steer.send(Message.of("NOT A COMMAND")) // ignored
                steer.send(ProxyCommand.TERMINATE.toMessage())
                within { running.await() } shouldBe Unit
                frontend.isClosed shouldBe false // the sockets are the caller's
            }
        }
    }

    test("a batch the proxy holds when PAUSE comes is kept, and delivered once, in order, after RESUME") {
        withTestContext { ctx ->
            coroutineScope {
                val hwm = 5
                val frontend = ctx.socket(SocketType.PULL).apply { bind("inproc://hold-in") }
                val backend = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = hwm; bind("inproc://hold-out") }
                val control = ctx.socket(SocketType.PAIR).apply { bind("inproc://hold-ctl") }
                val steer = ctx.socket(SocketType.PAIR).apply { connect("inproc://hold-ctl") }
                val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://hold-in") }
                val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = hwm; connect("inproc://hold-out") }
                val count = 200
                for (i in 0 until count) push.send(Message.of("$i"))
                // All 200 are queued in the frontend before the proxy starts: it takes a batch and blocks on the
                // full backend while holding most of it.
                val running = async(start = CoroutineStart.UNDISPATCHED) { proxySteerable(frontend, backend, null, control) }
                steer.send(ProxyCommand.PAUSE.toMessage())
                steer.send(ProxyCommand.STATISTICS.toMessage())
                val paused = ProxyStatistics.fromMessage(within { steer.receive() })
                (paused.frontendMessagesIn > paused.backendMessagesOut) shouldBe true // it holds messages
                // What reached the backend's queue before the pause can be read; then nothing more comes.
                val received = ArrayList<Message>()
                for (i in 0 until paused.backendMessagesOut.toInt()) received += within { pull.receive() }
                withTimeoutOrNull(300) { pull.receive() } shouldBe null

                steer.send(ProxyCommand.RESUME.toMessage())
                within { while (received.size < count) received += pull.receive() }
                received shouldBe List(count) { Message.of("$it") }
                pull.tryReceive() shouldBe null
                steer.send(ProxyCommand.STATISTICS.toMessage())
                val after = ProxyStatistics.fromMessage(within { steer.receive() })
                after.frontendMessagesIn shouldBe count.toLong()
                after.backendMessagesOut shouldBe count.toLong()
                steer.send(ProxyCommand.TERMINATE.toMessage())
                within { running.await() }
            }
        }
    }

    test("TERMINATE delivers what the proxy took and leaves the rest in the frontend: nothing is lost") {
        withTestContext { ctx ->
            coroutineScope {
                val hwm = 5
                val frontend = ctx.socket(SocketType.PULL).apply { bind("inproc://term-in") }
                val backend = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = hwm; bind("inproc://term-out") }
                val control = ctx.socket(SocketType.PAIR).apply { bind("inproc://term-ctl") }
                val steer = ctx.socket(SocketType.PAIR).apply { connect("inproc://term-ctl") }
                val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://term-in") }
                val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = hwm; connect("inproc://term-out") }
                val count = 600
                for (i in 0 until count) push.send(Message.of("$i"))
                val running = async(start = CoroutineStart.UNDISPATCHED) { proxySteerable(frontend, backend, null, control) }
                steer.send(ProxyCommand.TERMINATE.toMessage())
                // The proxy waits to deliver the batch it holds: it returns once a reader made room.
                val received = java.util.Collections.synchronizedList(ArrayList<Message>())
                val reader = launch { while (true) received += pull.receive() }
                within { running.await() }
                reader.cancelAndJoin()
                received += pull.tryReceiveAll(count)
                val left = frontend.tryReceiveAll(count)
                (received + left) shouldBe List(count) { Message.of("$it") }
                (received.isNotEmpty() && left.isNotEmpty()) shouldBe true
            }
        }
    }

    test("a REP control socket gets an empty reply to each command: libzmq REQ client steering zmq-kt's proxy")
        .config(enabledOrReasonIf = Peers.libzmq) {
            withTestContext { ctx -> peer { lz ->
                coroutineScope {
                    val frontend = ctx.socket(SocketType.PULL)
                    val backend = ctx.socket(SocketType.PUSH)
                    val control = ctx.socket(SocketType.REP)
                    val inEndpoint = frontend.bind("tcp://127.0.0.1:*")
                    val outEndpoint = backend.bind("tcp://127.0.0.1:*")
                    val ctlEndpoint = control.bind("tcp://127.0.0.1:*")
                    val running = async(start = CoroutineStart.UNDISPATCHED) { proxySteerable(frontend, backend, null, control) }
                    lz.socket("REQ", "ctl")
                    lz.connect(ctlEndpoint, "ctl")
                    lz.socket("PUSH", "push")
                    lz.connect(inEndpoint, "push")
                    lz.socket("PULL", "pull")
                    lz.connect(outEndpoint, "pull")
                    suspend fun command(text: String): Message = io {
                        lz.send(Message.of(text), "ctl")
                        lz.receive("ctl")
                    }
                    io { lz.send(Message.of("one", "two"), "push") }
                    io { lz.receive("pull") } shouldBe Message.of("one", "two")
                    command("PAUSE") shouldBe Message.of(Frame.EMPTY)
                    command("RESUME") shouldBe Message.of(Frame.EMPTY)
                    command("HELLO") shouldBe Message.of(Frame.EMPTY) // not a command: ignored, still answered
                    ProxyStatistics.fromMessage(command("STATISTICS")) shouldBe stats(1, 6, 1, 6)
                    command("TERMINATE") shouldBe Message.of(Frame.EMPTY)
                    within { running.await() }
                }
            } }
        }

    test("ProxyStatistics reads libzmq 4.3's own STATISTICS reply: same order, same encoding, a message counted once")
        .config(enabledOrReasonIf = Peers.libzmq) {
            withTestContext { ctx ->
                val script = File.createTempFile("libzmq_steerable_proxy", ".py").apply {
                    deleteOnExit()
                    writeText(SteerableProxyTest::class.java.getResource("/interop/libzmq_steerable_proxy.py")!!.readText())
                }
                val process = ProcessBuilder(Peers.PYTHON, "-u", script.path).redirectError(ProcessBuilder.Redirect.INHERIT).start()
                try {
                    val output = process.inputReader()
                    val endpoints = Json.parseToJsonElement(io { output.readLine() }).jsonObject
                    fun endpoint(name: String) = endpoints[name]!!.jsonPrimitive.content
                    endpoint("libzmq") shouldStartWith "4.3"
                    val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint("frontend")) }
                    val pull = ctx.socket(SocketType.PULL).apply { connect(endpoint("backend")) }
                    val steer = ctx.socket(SocketType.PAIR).apply { connect(endpoint("control")) }
                    push.send(Message.of("hello"))
                    push.send(Message.of("two", "frames"))
                    push.send(Message.of(ByteArray(1000)))
                    within { List(3) { pull.receive() } } shouldBe
                        listOf(Message.of("hello"), Message.of("two", "frames"), Message.of(ByteArray(1000)))
                    steer.send(ProxyCommand.STATISTICS.toMessage())
                    ProxyStatistics.fromMessage(within { steer.receive() }) shouldBe stats(3, 5 + 9 + 1000, 3, 5 + 9 + 1000)
                    steer.send(ProxyCommand.TERMINATE.toMessage())
                    io { output.readLine() } shouldBe "terminated"
                    io { process.waitFor(10, TimeUnit.SECONDS) } shouldBe true
                } finally {
                    process.destroyForcibly()
                }
            }
        }

    test("the STATISTICS reply is eight little-endian 64-bit frames in libzmq's order") {
        val s = ProxyStatistics(1, 2, 3, 4, 5, 6, 7, 0x0102030405060708)
        val m = s.toMessage()
        m.size shouldBe 8
        m[0].copyBytes().toList() shouldBe listOf<Byte>(1, 0, 0, 0, 0, 0, 0, 0)
        m[7].copyBytes().toList() shouldBe listOf<Byte>(8, 7, 6, 5, 4, 3, 2, 1)
        ProxyStatistics.fromMessage(m) shouldBe s
        s.toList() shouldBe listOf(1L, 2, 3, 4, 5, 6, 7, 0x0102030405060708)
    }
})
