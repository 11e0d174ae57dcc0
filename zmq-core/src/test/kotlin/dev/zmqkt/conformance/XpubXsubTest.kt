package dev.zmqkt.conformance

import dev.zmqkt.AgainException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Duration

private fun sub(topic: String) = Message.of(byteArrayOf(1) + topic.toByteArray())
private fun cancel(topic: String) = Message.of(byteArrayOf(0) + topic.toByteArray())

/** XPUB and XSUB and their options (libzmq's zmq_setsockopt: XPUB_VERBOSE, VERBOSER, MANUAL, NODROP, WELCOME_MSG). */
class XpubXsubTest : FunSpec({
    test("XPUB hands new subscriptions and last cancels to the user, not duplicates") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { bind("inproc://x") }
            val a = ctx.socket(SocketType.SUB).apply { connect("inproc://x") }
            val b = ctx.socket(SocketType.SUB).apply { connect("inproc://x") }
            a.subscribe("news")
            within { xpub.receive() } shouldBe sub("news")
            b.subscribe("news")
            a.unsubscribe("news")
            b.subscribe("sport")
            within { xpub.receive() } shouldBe sub("sport") // b's duplicate and a's non-last cancel are hidden
            b.unsubscribe("news")
            within { xpub.receive() } shouldBe cancel("news")
        }
    }

    test("verbose shows every subscription; verboser every cancel too") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubVerbose = true; bind("inproc://v") }
            val a = ctx.socket(SocketType.SUB).apply { connect("inproc://v") }
            val b = ctx.socket(SocketType.SUB).apply { connect("inproc://v") }
            a.subscribe("t"); b.subscribe("t")
            within { listOf(xpub.receive(), xpub.receive()) } shouldBe listOf(sub("t"), sub("t"))
            val loud = ctx.socket(SocketType.XPUB).apply { xpubVerboser = true; bind("inproc://vv") }
            val c = ctx.socket(SocketType.SUB).apply { connect("inproc://vv") }
            val d = ctx.socket(SocketType.SUB).apply { connect("inproc://vv") }
            c.subscribe("u"); d.subscribe("u"); c.unsubscribe("u")
            within { listOf(loud.receive(), loud.receive(), loud.receive()) } shouldBe listOf(sub("u"), sub("u"), cancel("u"))
        }
    }

    test("a subscriber that goes away cancels its subscriptions") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { bind("inproc://gone") }
            val a = ctx.socket(SocketType.SUB).apply { connect("inproc://gone") }
            a.subscribe("z")
            within { xpub.receive() } shouldBe sub("z")
            a.close()
            within { xpub.receive() } shouldBe cancel("z")
        }
    }

    test("manual mode: the user decides what each subscriber is subscribed to") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubManual = true; bind("inproc://m") }
            val s = ctx.socket(SocketType.SUB).apply { connect("inproc://m") }
            s.subscribe("A")
            within { xpub.receive() } shouldBe sub("A")
            xpub.send(Message.of("A-not-yet")) // not applied: nothing goes out
            xpub.subscribe("A") // apply it for that subscriber
            xpub.send(Message.of("A-now"))
            within { s.receive() } shouldBe Message.of("A-now")
            s.tryReceive() shouldBe null
        }
    }

    test("the welcome message greets each new subscriber") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubWelcomeMessage = "WELCOME".toByteArray(); bind("tcp://127.0.0.1:*") }
            val s = ctx.socket(SocketType.SUB).apply { subscribe("WELCOME"); connect(xpub.lastEndpoint!!) }
            within { s.receive() } shouldBe Message.of("WELCOME")
        }
    }

    test("no-drop makes send wait when a subscriber is full instead of losing messages") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubNoDrop = true; sendHighWaterMark = 2; bind("inproc://nd") }
            val s = ctx.socket(SocketType.SUB).apply { receiveHighWaterMark = 2; subscribe(""); connect("inproc://nd") }
            within { xpub.receive() }
            xpub.sendTimeout = Duration.ofMillis(50)
            var sent = 0
            while (true) {
                try {
                    xpub.send(Message.of("$sent")); sent++
                } catch (e: AgainException) {
                    break
                }
            }
            sent shouldBe 4
            coroutineScope {
                launch { xpub.sendTimeout = null; xpub.send(Message.of("$sent")) } // waits for room
                repeat(sent + 1) { within { s.receive() } shouldBe Message.of("$it") }
            }
        }
    }

    test("invert matching sends what does not match") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB).apply { invertMatching = true; bind("inproc://inv") }
            val s = ctx.socket(SocketType.SUB).apply { invertMatching = true; connect("inproc://inv") }
            s.subscribe("noise")
            pub.send(Message.of("noise.1"))
            pub.send(Message.of("signal.1"))
            within { s.receive() } shouldBe Message.of("signal.1")
            s.tryReceive() shouldBe null
        }
    }

    test("conflate keeps only the newest message") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB).apply { bind("inproc://conf") }
            val s = ctx.socket(SocketType.SUB).apply { conflate = true; subscribe(""); connect("inproc://conf") }
            repeat(100) { pub.send(Message.of("$it")) }
            within { s.receive() } shouldBe Message.of("99")
            s.tryReceive() shouldBe null
        }
    }

    test("XSUB subscribes by sending subscription messages and passes other messages upstream") {
        withTestContext { ctx ->
            val xpub = ctx.socket(SocketType.XPUB).apply { bind("inproc://xs") }
            val xsub = ctx.socket(SocketType.XSUB).apply { connect("inproc://xs") }
            xsub.send(sub("k"))
            within { xpub.receive() } shouldBe sub("k")
            xsub.send(Message.of("hello upstream"))
            within { xpub.receive() } shouldBe Message.of("hello upstream")
            xpub.send(Message.of("k1"))
            xpub.send(Message.of("j1"))
            within { xsub.receive() } shouldBe Message.of("k1")
            withTimeoutOrNull(100) { xsub.receive() } shouldBe null
        }
    }

    test("an XSUB/XPUB proxy forwards subscriptions up and messages down") {
        withTestContext { ctx ->
            val publisher = ctx.socket(SocketType.PUB).apply { bind("tcp://127.0.0.1:*") }
            val xsub = ctx.socket(SocketType.XSUB).apply { connect(publisher.lastEndpoint!!) }
            val xpub = ctx.socket(SocketType.XPUB).apply { bind("tcp://127.0.0.1:*") }
            coroutineScope {
                val forwarding = launch { launch { while (true) xsub.send(xpub.receive()) }; launch { while (true) xpub.send(xsub.receive()) } }
                val subscriber = ctx.socket(SocketType.SUB).apply { subscribe("q"); subscribe("sync"); connect(xpub.lastEndpoint!!) }
                awaitSubscribed(publisher, subscriber)
                publisher.send(Message.of("q1"))
                publisher.send(Message.of("r1"))
                publisher.send(Message.of("q2"))
                within { subscriber.receive() } shouldBe Message.of("q1")
                within { subscriber.receive() } shouldBe Message.of("q2")
                forwarding.cancel()
            }
        }
    }
})
