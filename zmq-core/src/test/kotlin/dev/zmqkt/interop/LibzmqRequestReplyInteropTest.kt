package dev.zmqkt.interop

import dev.zmqkt.support.bindableEndpoint
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.AgainException
import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.support.LibzmqPeer
import dev.zmqkt.support.Peers
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.nio.file.Files
import java.time.Duration

/** REQ/REP, DEALER/ROUTER, ROUTER/ROUTER and brokers between zmq-kt and libzmq, over tcp and ipc. */
class LibzmqRequestReplyInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    for (transport in listOf("tcp", "ipc")) {
        fun endpoint() = bindableEndpoint(transport)

        test("$transport: zmq-kt REQ to libzmq REP, and libzmq REQ to zmq-kt REP, each side binding") {
            withTestContext { ctx -> peer { lz ->
                lz.socket("REP", "rep")
                val req = ctx.socket(SocketType.REQ).apply { connect(lz.bind(endpoint(), "rep")) }
                repeat(3) { i ->
                    req.send(Message.of("request $i", "two"))
                    io { lz.echo(1, "rep") }
                    within { req.receive() } shouldBe Message.of("request $i", "two")
                }
                val rep = ctx.socket(SocketType.REP)
                lz.socket("REQ", "req")
                lz.connect(rep.bind(endpoint()), "req")
                io { lz.send(Message.of("question"), "req") }
                within { rep.receive() } shouldBe Message.of("question")
                rep.send(Message.of("answer"))
                io { lz.receive("req") } shouldBe Message.of("answer")
            } }
        }
    }

    test("zmq-kt DEALER with a routing id to a libzmq ROUTER, and a libzmq DEALER with an id to a zmq-kt ROUTER") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("ROUTER", "router")
            val dealer = ctx.socket(SocketType.DEALER).apply {
                routingId = "kt-dealer".toByteArray()
                connect(lz.bind("tcp://127.0.0.1:*", "router"))
            }
            dealer.send(Message.of("work"))
            io { lz.receive("router") } shouldBe Message.of("kt-dealer", "work")
            io { lz.send(Message.of("kt-dealer", "done"), "router") }
            within { dealer.receive() } shouldBe Message.of("done")

            val router = ctx.socket(SocketType.ROUTER)
            lz.socket("DEALER", "dealer", options = mapOf("ROUTING_ID" to "lz-dealer".toByteArray()))
            lz.connect(router.bind("tcp://127.0.0.1:*"), "dealer")
            io { lz.send(Message.of("work"), "dealer") }
            within { router.receive() } shouldBe Message.of("lz-dealer", "work")
            router.send(Message.of("lz-dealer", "done"))
            io { lz.receive("dealer") } shouldBe Message.of("done")
        } }
    }

    test("ROUTER to ROUTER with fixed routing ids, both directions") {
        withTestContext { ctx -> peer { lz ->
            // probeRouter makes our ROUTER greet each new peer, so the libzmq ROUTER learns our name first
            val router = ctx.socket(SocketType.ROUTER).apply { routingId = "kt".toByteArray(); probeRouter = true }
            val endpoint = router.bind("tcp://127.0.0.1:*")
            lz.socket("ROUTER", options = mapOf("ROUTING_ID" to "lz".toByteArray(), "ROUTER_MANDATORY" to 1))
            lz.connect(endpoint)
            io { lz.receive() } shouldBe Message.of("kt", "")
            io { lz.send(Message.of("kt", "hello from libzmq")) }
            within { router.receive() } shouldBe Message.of("lz", "hello from libzmq")
            router.send(Message.of("lz", "hello from zmq-kt"))
            io { lz.receive() } shouldBe Message.of("kt", "hello from zmq-kt")
        } }
    }

    test("a zmq-kt broker (ROUTER front, DEALER back) between libzmq REQ clients and libzmq REP workers") {
        withTestContext { ctx -> peer { lz ->
            val front = ctx.socket(SocketType.ROUTER)
            val back = ctx.socket(SocketType.DEALER)
            val frontEndpoint = front.bind("tcp://127.0.0.1:*")
            val backEndpoint = back.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val broker = launch { proxy(front, back) }
                lz.socket("REP", "w1"); lz.connect(backEndpoint, "w1")
                lz.socket("REQ", "c1"); lz.connect(frontEndpoint, "c1")
                lz.socket("REQ", "c2"); lz.connect(frontEndpoint, "c2")
                io { lz.send(Message.of("from c1"), "c1") }
                io { lz.echo(1, "w1") }
                io { lz.receive("c1") } shouldBe Message.of("from c1")
                io { lz.send(Message.of("from c2"), "c2") }
                io { lz.echo(1, "w1") }
                io { lz.receive("c2") } shouldBe Message.of("from c2")
                broker.cancel()
            }
        } }
    }

    test("a libzmq broker between zmq-kt REQ clients and zmq-kt REP workers") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("ROUTER", "front")
            lz.socket("DEALER", "back")
            val frontEndpoint = lz.bind("tcp://127.0.0.1:*", "front")
            val backEndpoint = lz.bind("tcp://127.0.0.1:*", "back")
            val workers = (0 until 2).map { ctx.socket(SocketType.REP).apply { connect(backEndpoint) } }
            val clients = (0 until 4).map { ctx.socket(SocketType.REQ).apply { connect(frontEndpoint) } }
            coroutineScope {
                val brokered = async(Dispatchers.IO) { lz.proxy("front", "back", count = 8) }
                // libzmq's DEALER spreads requests over the workers connected at that moment, so neither worker
                // can count on a share: each answers until the broker is done.
                val serving = workers.mapIndexed { i, w ->
                    launch { while (true) { val r = w.receive(); w.send(Message.of(r[0].decodeToString() + " by w$i")) } }
                }
                clients.forEachIndexed { i, c ->
                    launch {
                        repeat(2) { n ->
                            c.send(Message.of("c$i-$n"))
                            c.receive()[0].decodeToString().startsWith("c$i-$n by w") shouldBe true
                        }
                    }
                }
                brokered.await() shouldBe 8
                serving.forEach { it.cancel() }
            }
        } }
    }

    test("a Lazy Pirate client gets every request answered by a libzmq server that drops requests at random") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("ROUTER")
            val endpoint = lz.bind("tcp://127.0.0.1:*")
            val requests = 20
            coroutineScope {
                val server = async(Dispatchers.IO) { lz.lazyServer(replies = requests, drop = 0.3, seed = 7) }
                val answered = lazyPirate(ctx, endpoint, requests, retries = 20, timeout = Duration.ofMillis(300))
                answered shouldBe requests
                server.await() shouldBeGreaterThan 0 // some requests really were dropped
            }
        } }
    }

    test("with REQ relaxed and correlate, one socket retries on timeout and accepts only the current reply") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("ROUTER")
            val endpoint = lz.bind("tcp://127.0.0.1:*")
            val requests = 20
            coroutineScope {
                val server = async(Dispatchers.IO) { lz.lazyServer(replies = requests, drop = 0.3, seed = 11) }
                val client = ctx.socket(SocketType.REQ).apply {
                    requestRelaxed = true
                    requestCorrelate = true
                    receiveTimeout = Duration.ofMillis(300)
                    connect(endpoint)
                }
                for (sequence in 1..requests) {
                    var reply: Message? = null
                    var attempts = 0
                    while (reply == null) {
                        check(++attempts <= 20) { "request $sequence never answered" }
                        client.send(Message.of("$sequence"))
                        reply = try { client.receive() } catch (e: AgainException) { null }
                    }
                    reply shouldBe Message.of("$sequence")
                }
                server.await() shouldBeGreaterThan 0
            }
        } }
    }
})

/** Forwards messages both ways between a ROUTER front and a DEALER back until cancelled. */
internal suspend fun proxy(front: Socket, back: Socket) = coroutineScope {
    launch { while (true) back.send(front.receive()) }
    launch { while (true) front.send(back.receive()) }
}

/**
 * The zguide's Lazy Pirate client: send a request, wait for the reply up to [timeout]; on timeout close the REQ
 * socket, open a new one and resend, up to [retries] times. Returns how many requests were answered correctly.
 */
internal suspend fun lazyPirate(ctx: Context, endpoint: String, requests: Int, retries: Int, timeout: Duration): Int {
    fun newClient() = ctx.socket(SocketType.REQ).apply {
        linger = Duration.ZERO
        receiveTimeout = timeout
        connect(endpoint)
    }
    var client = newClient()
    var answered = 0
    for (sequence in 1..requests) {
        var left = retries
        while (true) {
            client.send(Message.of("$sequence"))
            val reply = try {
                client.receive()
            } catch (e: AgainException) {
                null
            }
            if (reply != null) {
                if (reply[0].decodeToString() == "$sequence") answered++
                break
            }
            check(--left > 0) { "server seems to be offline, abandoning request $sequence" }
            client.close()
            client = newClient()
        }
    }
    client.close()
    return answered
}
