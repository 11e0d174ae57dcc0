package dev.zmqkt.interop

import dev.zmqkt.support.jeromq
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.JEROMQ_HANDSHAKE
import dev.zmqkt.support.JeromqThread
import dev.zmqkt.support.connectTo
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.zeromq.SocketType as JSocketType
import org.zeromq.ZContext
import org.zeromq.ZMQ
import org.zeromq.ZMsg

private fun subscription(topic: String) = Message.of(byteArrayOf(1) + topic.toByteArray())

/** PUB/SUB and XPUB/XSUB between zmq-kt and JeroMQ (a ZMTP 3.0 peer: subscriptions travel as messages). */
class JeromqPubSubInteropTest : FunSpec({
    suspend fun <T> io(block: () -> T): T = JeromqThread.run(block)

    fun ZMQ.Socket.receiveMessage(): Message {
        receiveTimeOut = 10_000
        val msg = ZMsg.recvMsg(this) ?: error("JeroMQ receive timed out")
        return Message(msg.map { Frame.of(it.data) })
    }

    test("a zmq-kt publisher and JeroMQ subscribers with different topics") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val pub = ctx.socket(SocketType.XPUB).apply { xpubVerbose = true }
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            val subs = (0 until 4).map { i -> z.connectTo(pub, endpoint, JSocketType.SUB) { subscribe("t$i.") } }
            within { (0 until 4).map { pub.receive() }.toSet() } shouldBe (0 until 4).map { subscription("t$it.") }.toSet()
            for (i in 0 until 4) pub.send(Message.of("x.ignored")).also { pub.send(Message.of("t$i.data")) }
            subs.forEachIndexed { i, s -> io { s.receiveMessage() } shouldBe Message.of("t$i.data") }
        } }
    }

    test("a JeroMQ XPUB sees zmq-kt SUB subscriptions; a zmq-kt XPUB sees JeroMQ SUB subscriptions") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val jxpub = io { z.createSocket(JSocketType.XPUB) }
            val port = io { jxpub.bindToRandomPort("tcp://127.0.0.1") }
            val sub = ctx.socket(SocketType.SUB).apply { subscribe("m"); connect("tcp://127.0.0.1:$port") }
            io { jxpub.receiveMessage() } shouldBe subscription("m")
            io { jxpub.send("m1"); jxpub.send("n1") }
            within { sub.receive() } shouldBe Message.of("m1")

            val xpub = ctx.socket(SocketType.XPUB)
            val jsub = z.connectTo(xpub, xpub.bind("tcp://127.0.0.1:*"), JSocketType.SUB)
            io { jsub.subscribe("q".toByteArray()) }
            within { xpub.receive() } shouldBe subscription("q")
            xpub.send(Message.of("q1"))
            io { jsub.receiveMessage() } shouldBe Message.of("q1")
        } }
    }

    test("welcome messages and 10,000 subscriptions with JeroMQ") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val xpub = ctx.socket(SocketType.XPUB).apply { xpubWelcomeMessage = "W".toByteArray() }
            // JeroMQ, like libzmq, drops subscriptions beyond its send HWM; zmq-kt's SUB never does
            val jsub = z.connectTo(xpub, xpub.bind("tcp://127.0.0.1:*"), JSocketType.SUB) { sndHWM = 0; subscribe("W") }
            io { jsub.receiveMessage() } shouldBe Message.of("W")
            val topics = (0 until 10_000).map { "k%05d".format(it) }
            io { topics.forEach { jsub.subscribe(it.toByteArray()) } }
            within(30_000) { repeat(10_001) { xpub.receive() } } // W plus every topic
            xpub.send(Message.of("k09999!"))
            io { jsub.receiveMessage() } shouldBe Message.of("k09999!")
        } }
    }

    test("a zmq-kt XSUB/XPUB proxy between a JeroMQ publisher and a JeroMQ subscriber") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val xsub = ctx.socket(SocketType.XSUB)
            val xpub = ctx.socket(SocketType.XPUB)
            val back = xsub.bind("tcp://127.0.0.1:*")
            val front = xpub.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val proxy = launch {
                    launch { while (true) xsub.send(xpub.receive()) }
                    launch { while (true) xpub.send(xsub.receive()) }
                }
                val jpub = z.connectTo(xsub, back, JSocketType.XPUB)
                val jsub = z.connectTo(xpub, front, JSocketType.SUB) { subscribe("fwd") }
                io { jpub.receiveMessage() } shouldBe subscription("fwd")
                io { jpub.send("fwd.1") }
                io { jsub.receiveMessage() } shouldBe Message.of("fwd.1")
                proxy.cancel()
            }
        } }
    }
})
