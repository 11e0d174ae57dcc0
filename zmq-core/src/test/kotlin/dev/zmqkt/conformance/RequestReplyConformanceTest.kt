package dev.zmqkt.conformance

import dev.zmqkt.AgainException
import dev.zmqkt.Frame
import dev.zmqkt.HostUnreachableException
import dev.zmqkt.InvalidStateException
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import java.time.Duration

/** RFC 28 (REQREP): what REQ, REP, DEALER and ROUTER SHALL do, plus libzmq's options for them. */
class RequestReplyConformanceTest : FunSpec({
    test("REQ alternates strictly: a second send or an early receive is refused with EFSM") {
        withTestContext { ctx ->
            val rep = ctx.socket(SocketType.REP)
            val req = ctx.socket(SocketType.REQ).apply { connect(rep.bind("inproc://strict")) }
            shouldThrow<InvalidStateException> { req.receive() }.errorName shouldBe "EFSM"
            req.send(Message.of("one"))
            shouldThrow<InvalidStateException> { req.send(Message.of("two")) }
            shouldThrow<InvalidStateException> { rep.send(Message.of("no request yet")) }
            within { rep.receive() } shouldBe Message.of("one")
            shouldThrow<InvalidStateException> { rep.receive() }
            rep.send(Message.of("reply"))
            within { req.receive() } shouldBe Message.of("reply")
            req.send(Message.of("again"))
        }
    }

    test("REQ puts an empty delimiter before the request, and ROUTER prefixes the sender's routing id") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind("tcp://127.0.0.1:*")
            val req = ctx.socket(SocketType.REQ).apply { routingId = "client-1".toByteArray(); connect(endpoint) }
            req.send(Message.of("hello"))
            val got = within { router.receive() }
            got.toStrings() shouldBe listOf("client-1", "", "hello")
            router.send(Message.of("client-1", "", "world"))
            within { req.receive() } shouldBe Message.of("world")
        }
    }

    test("REQ round-robins requests over its peers; REP answers each requester") {
        withTestContext { ctx ->
            val reps = (0 until 3).map { i -> ctx.socket(SocketType.REP).also { it.bind("inproc://rr-$i") } }
            val req = ctx.socket(SocketType.REQ)
            (0 until 3).forEach { req.connect("inproc://rr-$it") }
            repeat(6) { n ->
                req.send(Message.of("$n"))
                val rep = reps[n % 3]
                within { rep.receive() } shouldBe Message.of("$n")
                rep.send(Message.of("from ${n % 3}"))
                within { req.receive() } shouldBe Message.of("from ${n % 3}")
            }
        }
    }

    test("REQ accepts the reply only from the peer it asked, and drops malformed replies") {
        withTestContext { ctx ->
            val asked = ctx.socket(SocketType.ROUTER).apply { bind("inproc://asked") }
            val other = ctx.socket(SocketType.ROUTER).apply { bind("inproc://other") }
            val req = ctx.socket(SocketType.REQ).apply { routingId = "me".toByteArray() }
            req.connect("inproc://asked")
            req.connect("inproc://other")
            req.send(Message.of("question"))
            within { asked.receive() }.toStrings() shouldBe listOf("me", "", "question")
            other.send(Message.of("me", "", "impostor"))
            asked.send(Message.of("me", "no delimiter"))
            asked.send(Message.of("me", "", "answer"))
            within { req.receive() } shouldBe Message.of("answer")
        }
    }

    test("REP keeps the whole envelope and routes the reply back through it") {
        withTestContext { ctx ->
            val rep = ctx.socket(SocketType.REP)
            val dealer = ctx.socket(SocketType.DEALER).apply { connect(rep.bind("tcp://127.0.0.1:*")) }
            dealer.send(Message.of("hop-2", "hop-1", "", "request"))
            within { rep.receive() } shouldBe Message.of("request")
            rep.send(Message.of("reply"))
            within { dealer.receive() } shouldBe Message.of("hop-2", "hop-1", "", "reply")
            // without an envelope the request is dropped
            dealer.send(Message.of("no envelope"))
            dealer.send(Message.of("", "next"))
            within { rep.receive() } shouldBe Message.of("next")
        }
    }

    test("REP fair-queues requests from many REQs, and each gets its own reply") {
        withTestContext { ctx ->
            val rep = ctx.socket(SocketType.REP)
            val endpoint = rep.bind("tcp://127.0.0.1:*")
            val reqs = (0 until 5).map { ctx.socket(SocketType.REQ).apply { connect(endpoint) } }
            reqs.forEachIndexed { i, r -> r.send(Message.of("req-$i")) }
            repeat(5) {
                val request = within { rep.receive() }[0].decodeToString()
                rep.send(Message.of(request.replace("req", "rep")))
            }
            reqs.forEachIndexed { i, r -> within { r.receive() } shouldBe Message.of("rep-$i") }
        }
    }

    test("DEALER round-robins out and fair-queues in, without changing messages") {
        withTestContext { ctx ->
            val dealer = ctx.socket(SocketType.DEALER)
            val routers = (0 until 2).map { i -> ctx.socket(SocketType.ROUTER).also { it.bind("inproc://d-$i") } }
            dealer.routingId = "D".toByteArray()
            routers.indices.forEach { dealer.connect("inproc://d-$it") }
            repeat(4) { dealer.send(Message.of("m$it", "x")) }
            within { routers[0].receive() }.toStrings() shouldBe listOf("D", "m0", "x")
            within { routers[1].receive() }.toStrings() shouldBe listOf("D", "m1", "x")
            within { routers[0].receive() }.toStrings() shouldBe listOf("D", "m2", "x")
            routers[0].send(Message.of("D", "a"))
            routers[1].send(Message.of("D", "b"))
            setOf(within { dealer.receive() }, within { dealer.receive() }) shouldBe setOf(Message.of("a"), Message.of("b"))
        }
    }

    test("ROUTER names peers without an identity with generated 5-byte ids starting with zero") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind("tcp://127.0.0.1:*")
            val a = ctx.socket(SocketType.DEALER).apply { connect(endpoint) }
            val b = ctx.socket(SocketType.DEALER).apply { connect(endpoint) }
            a.send(Message.of("from a"))
            b.send(Message.of("from b"))
            val first = within { router.receive() }
            val second = within { router.receive() }
            for (m in listOf(first, second)) {
                m[0].size shouldBe 5
                m[0][0] shouldBe 0.toByte()
            }
            (first[0] == second[0]) shouldBe false
            router.send(Message(listOf(first[0], Frame.of("back"))))
            within { (if (first[1].decodeToString() == "from a") a else b).receive() } shouldBe Message.of("back")
        }
    }

    test("ROUTER drops unroutable messages, or raises EHOSTUNREACH when mandatory") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            router.bind("inproc://unroutable")
            router.send(Message.of("nobody", "lost")) // silently dropped
            router.routerMandatory = true
            shouldThrow<HostUnreachableException> { router.send(Message.of("nobody", "lost")) }.errorName shouldBe "EHOSTUNREACH"
        }
    }

    test("ROUTER mandatory waits for room instead of dropping when a peer's queue is full") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER).apply { routerMandatory = true; sendHighWaterMark = 2 }
            val dealer = ctx.socket(SocketType.DEALER).apply { routingId = "slow".toByteArray(); receiveHighWaterMark = 2 }
            router.bind("inproc://full")
            dealer.connect("inproc://full")
            dealer.send(Message.of("hi"))
            within { router.receive() }
            router.sendTimeout = Duration.ofMillis(100)
            var sent = 0
            while (true) {
                try {
                    router.send(Message.of("slow", "$sent"))
                    sent++
                } catch (e: AgainException) {
                    break
                }
            }
            sent shouldBe 4 // the inproc pipe holds both sides' HWMs
            repeat(sent) { within { dealer.receive() } shouldBe Message.of("$it") }
        }
    }

    test("a second peer with a routing id in use is refused, unless ROUTER handover is on") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind("tcp://127.0.0.1:*")
            val first = ctx.socket(SocketType.DEALER).apply { routingId = "dup".toByteArray(); connect(endpoint) }
            first.send(Message.of("first"))
            within { router.receive() }.toStrings() shouldBe listOf("dup", "first")
            val refusedEvents = router.monitor(SocketEventType.DISCONNECTED)
            val second = ctx.socket(SocketType.DEALER).apply { routingId = "dup".toByteArray(); immediate = true; connect(endpoint) }
            within { refusedEvents.take(1).toList() }
            router.send(Message.of("dup", "to the first"))
            within { first.receive() } shouldBe Message.of("to the first")

            router.routerHandover = true
            val handshakes = router.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
            within { handshakes.take(1).toList() } // the second peer's reconnect now succeeds
            second.send(Message.of("second"))
            within { router.receive() }.toStrings() shouldBe listOf("dup", "second")
            router.send(Message.of("dup", "to the second"))
            within { second.receive() } shouldBe Message.of("to the second")
        }
    }

    test("connectRoutingId names the peer of the next connect; ROUTER to ROUTER works with fixed ids") {
        withTestContext { ctx ->
            val server = ctx.socket(SocketType.ROUTER).apply { routingId = "server".toByteArray() }
            val endpoint = server.bind("tcp://127.0.0.1:*")
            val client = ctx.socket(SocketType.ROUTER).apply { routingId = "client".toByteArray() }
            val connected = client.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
            client.connectRoutingId = "my-name-for-server".toByteArray()
            client.connect(endpoint)
            client.connectRoutingId shouldBe null
            within { connected.take(1).toList() }
            client.routerMandatory = true
            client.send(Message.of("my-name-for-server", "hello"))
            within { server.receive() }.toStrings() shouldBe listOf("client", "hello")
            server.send(Message.of("client", "hi"))
            within { client.receive() }.toStrings() shouldBe listOf("my-name-for-server", "hi")
        }
    }

    test("probeRouter sends an empty message on connect, so the ROUTER learns the peer first") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER)
            val endpoint = router.bind("tcp://127.0.0.1:*")
            ctx.socket(SocketType.DEALER).apply { routingId = "prober".toByteArray(); probeRouter = true; connect(endpoint) }
            within { router.receive() }.toStrings() shouldBe listOf("prober", "")
        }
    }

    test("REQ relaxed and correlate: a new request may follow a lost one; only its own reply is accepted") {
        withTestContext { ctx ->
            val rep = ctx.socket(SocketType.ROUTER)
            val req = ctx.socket(SocketType.REQ).apply {
                requestRelaxed = true
                requestCorrelate = true
                routingId = "r".toByteArray()
                connect(rep.bind("inproc://relaxed"))
            }
            req.send(Message.of("first"))
            val first = within { rep.receive() }
            first.size shouldBe 4 // id, request id, delimiter, body
            req.send(Message.of("second")) // allowed: relaxed
            val second = within { rep.receive() }
            (first[1] == second[1]) shouldBe false
            rep.send(first.drop(0).let { Message(listOf(it[0], it[1], Frame.EMPTY, Frame.of("stale"))) })
            rep.send(Message(listOf(second[0], second[1], Frame.EMPTY, Frame.of("fresh"))))
            within { req.receive() } shouldBe Message.of("fresh") // "stale" arrived first and was dropped
        }
    }
})
