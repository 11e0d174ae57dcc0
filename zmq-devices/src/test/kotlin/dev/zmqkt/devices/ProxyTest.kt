package dev.zmqkt.devices

import dev.zmqkt.ContextClosedException
import dev.zmqkt.Message
import dev.zmqkt.SocketClosedException
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.job
import kotlinx.coroutines.launch
import kotlin.coroutines.coroutineContext

/** [proxy]: the classic shapes over tcp and inproc, whole messages in order, capture, and how a proxy ends. */
class ProxyTest : FunSpec({
    for (transport in listOf("tcp", "inproc")) {
        fun endpoint(name: String) = if (transport == "tcp") "tcp://127.0.0.1:*" else "inproc://proxy-test-$name"

        test("$transport: a streamer (PULL to PUSH) moves every message, whole and in order") {
            withTestContext { ctx ->
                coroutineScope {
                    val frontend = ctx.socket(SocketType.PULL)
                    val backend = ctx.socket(SocketType.PUSH)
                    val inEndpoint = frontend.bind(endpoint("s-in"))
                    val outEndpoint = backend.bind(endpoint("s-out"))
                    val running = launch { proxy(frontend, backend) }
                    val push = ctx.socket(SocketType.PUSH).apply { connect(inEndpoint) }
                    val pull = ctx.socket(SocketType.PULL).apply { connect(outEndpoint) }
                    val count = 20_000
                    launch { for (i in 0 until count) push.send(Message.of("$i", "part two", "#$i")) }
                    within(30_000) {
                        for (i in 0 until count) pull.receive() shouldBe Message.of("$i", "part two", "#$i")
                    }
                    running.cancelAndJoin()
                }
            }
        }

        test("$transport: a queue (ROUTER to DEALER) carries requests and replies both ways") {
            withTestContext { ctx ->
                coroutineScope {
                    val frontend = ctx.socket(SocketType.ROUTER)
                    val backend = ctx.socket(SocketType.DEALER)
                    val clientsAt = frontend.bind(endpoint("q-in"))
                    val workersAt = backend.bind(endpoint("q-out"))
                    val running = launch { proxy(frontend, backend) }
                    val worker = ctx.socket(SocketType.REP).apply { connect(workersAt) }
                    launch { repeat(300) { worker.send(worker.receive().append(dev.zmqkt.Frame.of("done"))) } }
                    val clients = List(3) { ctx.socket(SocketType.REQ).apply { connect(clientsAt) } }
                    within(30_000) {
                        coroutineScope {
                            clients.forEachIndexed { c, client ->
                                launch {
                                    repeat(100) { i ->
                                        client.send(Message.of("client $c", "request $i"))
                                        client.receive() shouldBe Message.of("client $c", "request $i", "done")
                                    }
                                }
                            }
                        }
                    }
                    running.cancelAndJoin()
                }
            }
        }
    }

    test("the capture socket sees every message moved, both ways, whole") {
        withTestContext { ctx ->
            coroutineScope {
                val frontend = ctx.socket(SocketType.ROUTER).apply { bind("inproc://cap-in") }
                val backend = ctx.socket(SocketType.DEALER).apply { bind("inproc://cap-out") }
                val capture = ctx.socket(SocketType.PUSH).apply { bind("inproc://cap") }
                val captured = ctx.socket(SocketType.PULL).apply { connect("inproc://cap") }
                val running = launch { proxy(frontend, backend, capture) }
                val worker = ctx.socket(SocketType.DEALER).apply { connect("inproc://cap-out") }
                val client = ctx.socket(SocketType.DEALER).apply { routingId = "C".toByteArray(); connect("inproc://cap-in") }
                val count = 2_000
                launch { repeat(count) { worker.send(worker.receive().append(dev.zmqkt.Frame.of("reply"))) } }
                // A PUSH capture applies backpressure like any socket (libzmq's too): read it while the run goes on.
                val seenLater = async { List(2 * count) { captured.receive() } }
                within(30_000) {
                    for (i in 0 until count) client.send(Message.of("m$i", "tail"))
                    for (i in 0 until count) client.receive() shouldBe Message.of("m$i", "tail", "reply")
                }
                // Requests reach the capture as the frontend gave them (with the client's routing id), and replies
                // as the backend gave them: 2 × count messages, each direction in order.
                val seen = within { seenLater.await() }
                seen.filter { it.size == 3 } shouldBe List(count) { Message.of("C", "m$it", "tail") }
                seen.filter { it.size == 4 } shouldBe List(count) { Message.of("C", "m$it", "tail", "reply") }
                captured.tryReceive() shouldBe null
                running.cancelAndJoin()
            }
        }
    }

    test("frontend and backend may be one socket: what it receives goes back out of it") {
        withTestContext { ctx ->
            coroutineScope {
                val router = ctx.socket(SocketType.ROUTER).apply { bind("inproc://single") }
                val running = launch { proxy(router, router) }
                val a = ctx.socket(SocketType.DEALER).apply { routingId = "A".toByteArray(); connect("inproc://single") }
                val b = ctx.socket(SocketType.DEALER).apply { routingId = "B".toByteArray(); connect("inproc://single") }
                // A ROUTER sends a received [sender, body] to the peer named by its first frame: back to the sender.
                a.send(Message.of("hello"))
                within { a.receive() } shouldBe Message.of("hello")
                b.send(Message.of("hi"))
                within { b.receive() } shouldBe Message.of("hi")
                running.cancelAndJoin()
            }
        }
    }

    test("closing a socket ends the proxy with SocketClosedException, leaving no coroutine behind") {
        withTestContext { ctx ->
            coroutineScope {
                val frontend = ctx.socket(SocketType.PULL).apply { bind("inproc://close-in") }
                val backend = ctx.socket(SocketType.PUSH).apply { bind("inproc://close-out") }
                val running = async(start = CoroutineStart.UNDISPATCHED) { runCatching { proxy(frontend, backend) } }
                frontend.close()
                within { running.await().exceptionOrNull() }!!::class shouldBe SocketClosedException::class
                running.job.children.toList().shouldBeEmpty()
                coroutineContext.job.children.filter { it.isActive }.toList().shouldBeEmpty()
            }
        }
    }

    test("terminating the context ends the proxy with ContextClosedException") {
        val ctx = dev.zmqkt.Context()
        coroutineScope {
            val frontend = ctx.socket(SocketType.XSUB).apply { bind("inproc://term-in") }
            val backend = ctx.socket(SocketType.XPUB).apply { bind("inproc://term-out") }
            val running = async(start = CoroutineStart.UNDISPATCHED) { runCatching { proxy(frontend, backend) } }
            ctx.terminate()
            within { running.await().exceptionOrNull() }!!::class shouldBe ContextClosedException::class
        }
    }

    test("a proxy whose far side is full stops reading the near side: the high-water marks hold end to end") {
        withTestContext { ctx ->
            coroutineScope {
                val hwm = 10
                fun dev.zmqkt.Socket.small() = apply { sendHighWaterMark = hwm; receiveHighWaterMark = hwm }
                val frontend = ctx.socket(SocketType.PULL).small().apply { bind("inproc://bp-in") }
                val backend = ctx.socket(SocketType.PUSH).small().apply { bind("inproc://bp-out") }
                val push = ctx.socket(SocketType.PUSH).small().apply { connect("inproc://bp-in") }
                val pull = ctx.socket(SocketType.PULL).small().apply { connect("inproc://bp-out") }
                val running = launch { proxy(frontend, backend) }
                // Nobody reads `pull`. Over inproc the two ends' high-water marks add up (as in libzmq): 2 × hwm
                // on each leg once full, plus what the proxy took last and cannot deliver: at least one message,
                // at most what the near leg held (2 × hwm). Without backpressure the proxy would take them all.
                var accepted = 0
                within {
                    while (true) {
                        if (push.trySend(Message.of("$accepted"))) accepted++
                        else {
                            // Full now: give the proxy a chance to make room, and stop once it makes none.
                            val before = accepted
                            kotlinx.coroutines.withTimeoutOrNull(300) { push.send(Message.of("$accepted")); accepted++ }
                            if (accepted == before) break
                        }
                    }
                }
                accepted shouldBeInRange (4 * hwm + 1)..(6 * hwm)
                within { for (i in 0 until accepted) pull.receive() shouldBe Message.of("$i") }
                running.cancelAndJoin()
            }
        }
    }
})
