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

/** REQ/REP, DEALER/ROUTER, ROUTER/ROUTER and a broker between zmq-kt and JeroMQ over tcp. */
class JeromqRequestReplyInteropTest : FunSpec({
    suspend fun <T> io(block: () -> T): T = JeromqThread.run(block)

    fun ZMQ.Socket.receiveMessage(): Message {
        receiveTimeOut = 10_000
        val msg = ZMsg.recvMsg(this) ?: error("JeroMQ receive timed out")
        return Message(msg.map { Frame.of(it.data) })
    }

    fun ZMQ.Socket.sendMessage(m: Message) {
        ZMsg().apply { m.forEach { add(it.copyBytes()) } }.send(this)
    }

    test("REQ to REP both ways, each side binding") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val jrep = io { z.createSocket(JSocketType.REP) }
            val port = io { jrep.bindToRandomPort("tcp://127.0.0.1") }
            val req = ctx.socket(SocketType.REQ).apply { connect("tcp://127.0.0.1:$port") }
            repeat(3) {
                req.send(Message.of("q$it", "part"))
                io { jrep.sendMessage(jrep.receiveMessage()) }
                within { req.receive() } shouldBe Message.of("q$it", "part")
            }
            val rep = ctx.socket(SocketType.REP)
            val jreq = z.connectTo(rep, rep.bind("tcp://127.0.0.1:*"), JSocketType.REQ)
            io { jreq.send("question") }
            within { rep.receive() } shouldBe Message.of("question")
            rep.send(Message.of("answer"))
            io { jreq.receiveMessage() } shouldBe Message.of("answer")
        } }
    }

    test("DEALER and ROUTER with routing ids set on either side") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val jrouter = io { z.createSocket(JSocketType.ROUTER) }
            val port = io { jrouter.bindToRandomPort("tcp://127.0.0.1") }
            val dealer = ctx.socket(SocketType.DEALER).apply { routingId = "kt".toByteArray(); connect("tcp://127.0.0.1:$port") }
            dealer.send(Message.of("work"))
            io { jrouter.receiveMessage() } shouldBe Message.of("kt", "work")
            io { jrouter.sendMessage(Message.of("kt", "done")) }
            within { dealer.receive() } shouldBe Message.of("done")

            val router = ctx.socket(SocketType.ROUTER)
            val jdealer = z.connectTo(router, router.bind("tcp://127.0.0.1:*"), JSocketType.DEALER) {
                identity = "jeromq".toByteArray()
            }
            io { jdealer.send("work") }
            within { router.receive() } shouldBe Message.of("jeromq", "work")
            router.send(Message.of("jeromq", "done"))
            io { jdealer.receiveMessage() } shouldBe Message.of("done")
        } }
    }

    test("ROUTER to ROUTER with fixed ids") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            // probeRouter makes our ROUTER greet each new peer, so the JeroMQ ROUTER learns our name first
            val router = ctx.socket(SocketType.ROUTER).apply { routingId = "kt".toByteArray(); probeRouter = true }
            val endpoint = router.bind("tcp://127.0.0.1:*")
            val jrouter = z.connectTo(router, endpoint, JSocketType.ROUTER) { identity = "jz".toByteArray() }
            io { jrouter.receiveMessage() } shouldBe Message.of("kt", "")
            io { jrouter.sendMessage(Message.of("kt", "hi")) }
            within { router.receive() } shouldBe Message.of("jz", "hi")
            router.send(Message.of("jz", "hello"))
            io { jrouter.receiveMessage() } shouldBe Message.of("kt", "hello")
        } }
    }

    test("a zmq-kt broker between JeroMQ REQ clients and JeroMQ REP workers") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> jeromq { z ->
            val front = ctx.socket(SocketType.ROUTER)
            val back = ctx.socket(SocketType.DEALER)
            val frontEndpoint = front.bind("tcp://127.0.0.1:*")
            val backEndpoint = back.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val broker = launch { proxy(front, back) }
                val worker = z.connectTo(back, backEndpoint, JSocketType.REP)
                val clients = (0 until 3).map { z.connectTo(front, frontEndpoint, JSocketType.REQ) }
                for ((i, c) in clients.withIndex()) {
                    io { c.send("c$i") }
                    io { worker.sendMessage(Message.of(worker.receiveMessage()[0].decodeToString() + " done")) }
                    io { c.receiveMessage() } shouldBe Message.of("c$i done")
                }
                broker.cancel()
            }
        } }
    }
})
