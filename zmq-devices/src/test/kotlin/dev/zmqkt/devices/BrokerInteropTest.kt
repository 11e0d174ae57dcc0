package dev.zmqkt.devices

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.JEROMQ_HANDSHAKE
import dev.zmqkt.support.JeromqThread
import dev.zmqkt.support.Peers
import dev.zmqkt.support.io
import dev.zmqkt.support.jeromq
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.matchers.ints.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import kotlinx.coroutines.launch
import org.zeromq.SocketType as JSocketType
import org.zeromq.ZMsg
import java.util.concurrent.atomic.AtomicBoolean

/**
 * The zguide's request-reply broker (rrbroker): libzmq REQ clients (pyzmq) -> zmq-kt's [proxy] between a ROUTER
 * and a DEALER -> a zmq-kt REP worker and a JeroMQ REP worker.
 */
class BrokerInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    test("libzmq REQ clients get every reply through zmq-kt's broker, served by zmq-kt and JeroMQ workers") {
        withTestContext(JEROMQ_HANDSHAKE) { ctx -> peer { lz -> jeromq { z ->
            coroutineScope {
                val frontend = ctx.socket(SocketType.ROUTER)
                val backend = ctx.socket(SocketType.DEALER)
                val workersUp = backend.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
                val workersReady = async(start = CoroutineStart.UNDISPATCHED) { within { workersUp.take(2).toList() } }
                val clientsAt = frontend.bind("tcp://127.0.0.1:*")
                val workersAt = backend.bind("tcp://127.0.0.1:*")

                // The JeroMQ worker binds and the broker connects to it (JeroMQ 0.6 sometimes stalls connecting to a
                // server that greets at once; see JeromqThread). Made and used on the JeroMQ thread only, it serves until
                // told to stop (its receive timeout lets it look at the flag).
                val (jrep, jeromqPort) = JeromqThread.run {
                    z.createSocket(JSocketType.REP).let { rep -> rep to rep.bindToRandomPort("tcp://127.0.0.1") }
                }
                backend.connect("tcp://127.0.0.1:$jeromqPort")
                val stop = AtomicBoolean(false)
                val jeromqServed = async {
                    JeromqThread.run {
                        val rep = jrep
                        rep.receiveTimeOut = 100
                        var served = 0
                        while (!stop.get()) {
                            val request = ZMsg.recvMsg(rep) ?: continue
                            request.add("by jeromq")
                            request.send(rep)
                            served++
                        }
                        served
                    }
                }
                val worker = ctx.socket(SocketType.REP).apply { connect(workersAt) }
                var ktServed = 0
                val ktWorker = launch {
                    while (true) {
                        worker.send(worker.receive().append(Frame.of("by zmq-kt")))
                        ktServed++
                    }
                }
                workersReady.await()
                val broker = launch { proxy(frontend, backend) }

                val clients = List(4) { "c$it" }
                for (c in clients) {
                    lz.socket("REQ", c)
                    lz.connect(clientsAt, c)
                }
                val servedBy = HashMap<String, Int>()
                io {
                    repeat(10) { round ->
                        for (c in clients) lz.send(Message.of("$c", "request $round"), c)
                        for (c in clients) {
                            val reply = lz.receive(c)
                            Message(reply.frames.dropLast(1)) shouldBe Message.of("$c", "request $round")
                            servedBy.merge(reply.last().decodeToString(), 1, Int::plus)
                        }
                    }
                }
                stop.set(true)
                val jeromqCount = within { jeromqServed.await() }
                ktWorker.cancelAndJoin()
                broker.cancelAndJoin()
                servedBy["by jeromq"]!! shouldBeGreaterThan 0
                servedBy["by zmq-kt"]!! shouldBeGreaterThan 0
                servedBy.values.sum() shouldBe 40
                jeromqCount shouldBe servedBy["by jeromq"]
                ktServed shouldBe servedBy["by zmq-kt"]
            }
        } } }
    }
})
