package dev.zmqkt.interop

import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.LibzmqPeer
import dev.zmqkt.support.Peers
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull

private fun subscription(topic: String) = Message.of(byteArrayOf(1) + topic.toByteArray())
private fun cancellation(topic: String) = Message.of(byteArrayOf(0) + topic.toByteArray())

/** PUB/SUB and XPUB/XSUB between zmq-kt and libzmq, both directions. */
class LibzmqPubSubInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    test("a zmq-kt publisher and libzmq subscribers with different topics") {
        withTestContext { ctx -> peer { lz ->
            val pub = ctx.socket(SocketType.XPUB).apply { xpubVerbose = true }
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            for (i in 0 until 5) {
                lz.socket("SUB", "s$i")
                lz.subscribe("t$i.", sock = "s$i")
                lz.connect(endpoint, "s$i")
            }
            // every subscription has reached the publisher
            within { (0 until 5).map { pub.receive() }.toSet() } shouldBe (0 until 5).map { subscription("t$it.") }.toSet()
            for (round in 0 until 3) for (i in 0 until 5) pub.send(Message.of("t$i.$round", "payload"))
            for (i in 0 until 5) {
                val (count, last) = io { lz.receiveMany(3, "s$i") }
                count shouldBe 3
                last shouldBe Message.of("t$i.2", "payload")
            }
        } }
    }

    test("a libzmq publisher and zmq-kt subscribers; the libzmq XPUB sees their subscriptions and cancels") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("XPUB")
            val endpoint = lz.bind("tcp://127.0.0.1:*")
            val a = ctx.socket(SocketType.SUB).apply { subscribe("alpha"); connect(endpoint) }
            val b = ctx.socket(SocketType.SUB).apply { subscribe("beta"); connect(endpoint) }
            setOf(io { lz.receive() }, io { lz.receive() }) shouldBe setOf(subscription("alpha"), subscription("beta"))
            io { lz.send(Message.of("alpha.1")); lz.send(Message.of("beta.1")); lz.send(Message.of("gamma.1")) }
            within { a.receive() } shouldBe Message.of("alpha.1")
            within { b.receive() } shouldBe Message.of("beta.1")
            a.unsubscribe("alpha")
            io { lz.receive() } shouldBe cancellation("alpha")
        } }
    }

    test("a zmq-kt XPUB sees a libzmq SUB's subscriptions and cancels") {
        withTestContext { ctx -> peer { lz ->
            val xpub = ctx.socket(SocketType.XPUB)
            lz.socket("SUB")
            lz.connect(xpub.bind("tcp://127.0.0.1:*"))
            lz.subscribe("k1")
            within { xpub.receive() } shouldBe subscription("k1")
            lz.subscribe("k1", unsubscribe = true)
            within { xpub.receive() } shouldBe cancellation("k1")
        } }
    }

    test("welcome messages go both ways") {
        withTestContext { ctx -> peer { lz ->
            lz.socket("XPUB", "x", options = mapOf("XPUB_WELCOME_MSG" to "HELLO".toByteArray()))
            val sub = ctx.socket(SocketType.SUB).apply { subscribe("HELLO"); connect(lz.bind("tcp://127.0.0.1:*", "x")) }
            // libzmq attaches the new subscriber (and writes its welcome) when its XPUB is next used
            io { lz.receive("x") } shouldBe subscription("HELLO")
            within { sub.receive() } shouldBe Message.of("HELLO")
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubWelcomeMessage = "WELCOME".toByteArray() }
            lz.socket("SUB", "s")
            lz.subscribe("WELCOME", sock = "s")
            lz.connect(xpub.bind("tcp://127.0.0.1:*"), "s")
            io { lz.receive("s") } shouldBe Message.of("WELCOME")
        } }
    }

    test("10,000 subscriptions each way") {
        withTestContext { ctx -> peer { lz ->
            val topics = (0 until 10_000).map { "topic/%05d/".format(it) }
            // zmq-kt subscriber, libzmq publisher
            lz.socket("XPUB", "x")
            val sub = ctx.socket(SocketType.SUB).apply { connect(lz.bind("tcp://127.0.0.1:*", "x")) }
            topics.forEach { sub.subscribe(it) }
            io { lz.receiveMany(10_000, "x") }.first shouldBe 10_000
            io { for (t in listOf("topic/00042/a", "unsubscribed/1", "topic/09999/z")) lz.send(Message.of(t), "x") }
            within { sub.receive() } shouldBe Message.of("topic/00042/a")
            within { sub.receive() } shouldBe Message.of("topic/09999/z")
            // libzmq subscriber, zmq-kt publisher
            val xpub = ctx.socket(SocketType.XPUB)
            // libzmq drops subscriptions beyond its send HWM; zmq-kt's SUB never does
            lz.socket("SUB", "s", options = mapOf("SNDHWM" to 0))
            lz.connect(xpub.bind("tcp://127.0.0.1:*"), "s")
            coroutineScope {
                val subscribed = async(Dispatchers.IO) { lz.subscribe(*topics.toTypedArray(), sock = "s") }
                within(30_000) { repeat(10_000) { xpub.receive() } }
                subscribed.await()
            }
            for (t in listOf("topic/00007/x", "nope", "topic/05000/y")) xpub.send(Message.of(t))
            io { lz.receive("s") } shouldBe Message.of("topic/00007/x")
            io { lz.receive("s") } shouldBe Message.of("topic/05000/y")
        } }
    }

    test("a libzmq XSUB/XPUB proxy between a libzmq publisher and zmq-kt subscribers") {
        withTestContext { ctx -> peer { proxyPeer -> peer { publisher ->
            proxyPeer.socket("XSUB", "back")
            proxyPeer.socket("XPUB", "front")
            val back = proxyPeer.bind("tcp://127.0.0.1:*", "back")
            val front = proxyPeer.bind("tcp://127.0.0.1:*", "front")
            publisher.socket("XPUB", "p")
            publisher.connect(back, "p")
            coroutineScope {
                val forwarded = async(Dispatchers.IO) { proxyPeer.proxy(front = "front", back = "back", count = 2) }
                val sub = ctx.socket(SocketType.SUB).apply { subscribe("chain"); connect(front) }
                io { publisher.receive("p") } shouldBe subscription("chain") // through the proxy
                io { publisher.send(Message.of("chain.1"), "p"); publisher.send(Message.of("other"), "p"); publisher.send(Message.of("chain.2"), "p") }
                within { sub.receive() } shouldBe Message.of("chain.1")
                within { sub.receive() } shouldBe Message.of("chain.2")
                forwarded.await() shouldBe 2
            }
        } } }
    }

    test("a zmq-kt XSUB/XPUB proxy between a libzmq publisher and a libzmq subscriber") {
        withTestContext { ctx -> peer { lz ->
            val xsub = ctx.socket(SocketType.XSUB)
            val xpub = ctx.socket(SocketType.XPUB)
            val back = xsub.bind("tcp://127.0.0.1:*")
            val front = xpub.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val proxy = launch {
                    launch { while (true) xsub.send(xpub.receive()) }
                    launch { while (true) xpub.send(xsub.receive()) }
                }
                lz.socket("XPUB", "p"); lz.connect(back, "p")
                lz.socket("SUB", "s"); lz.subscribe("via", sock = "s"); lz.connect(front, "s")
                io { lz.receive("p") } shouldBe subscription("via")
                io { lz.send(Message.of("via.kt"), "p"); lz.send(Message.of("skip"), "p") }
                io { lz.receive("s") } shouldBe Message.of("via.kt")
                withTimeoutOrNull(200) { io { runCatching { lz.receive("s", timeoutMs = 100) }.getOrNull() } } shouldBe null
                proxy.cancel()
            }
        } }
    }
})
