package dev.zmqkt.devices

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.Peers
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

/** [monitoredQueue]: pyzmq's test shapes (PAIR to PAIR with prefixes, ROUTER to ROUTER with libzmq DEALERs). */
class MonitoredQueueTest : FunSpec({
    for ((inPrefix, outPrefix) in listOf("in" to "out", "foo" to "bar")) {
        test("PAIR to PAIR: messages pass both ways in order; the monitor sees each after '$inPrefix' or '$outPrefix'") {
            withTestContext { ctx ->
                coroutineScope {
                    val inSocket = ctx.socket(SocketType.PAIR).apply { bind("inproc://mq-in") }
                    val outSocket = ctx.socket(SocketType.PAIR).apply { bind("inproc://mq-out") }
                    val mon = ctx.socket(SocketType.PUB).apply { bind("inproc://mq-mon") }
                    val watcher = ctx.socket(SocketType.SUB).apply { subscribe(""); connect("inproc://mq-mon") }
                    val alice = ctx.socket(SocketType.PAIR).apply { connect("inproc://mq-in") }
                    val bob = ctx.socket(SocketType.PAIR).apply { connect("inproc://mq-out") }
                    val queue = launch { monitoredQueue(inSocket, outSocket, mon, inPrefix.toByteArray(), outPrefix.toByteArray()) }
                    val fromAlice = listOf(Message.of("hello", "bob"), Message.of("hello", "again"), Message.of("and", "again"))
                    fromAlice.forEach { alice.send(it) }
                    within { List(3) { bob.receive() } } shouldBe fromAlice
                    bob.send(Message.of("hello", "alice"))
                    within { alice.receive() } shouldBe Message.of("hello", "alice")
                    within { List(4) { watcher.receive() } } shouldBe
                        fromAlice.map { it.prepend(dev.zmqkt.Frame.of(inPrefix)) } +
                        listOf(Message.of(outPrefix, "hello", "alice"))
                    queue.cancelAndJoin()
                }
            }
        }
    }

    test("ROUTER to ROUTER: the routing ids swap places, so libzmq DEALERs 'a' and 'b' talk through the queue")
        .config(enabledOrReasonIf = Peers.libzmq) {
            withTestContext { ctx -> peer { lz ->
                coroutineScope {
                    val inSocket = ctx.socket(SocketType.ROUTER)
                    val outSocket = ctx.socket(SocketType.ROUTER)
                    val mon = ctx.socket(SocketType.PUSH).apply { bind("inproc://rr-mon") }
                    val watcher = ctx.socket(SocketType.PULL).apply { connect("inproc://rr-mon") }
                    val aUp = expectEvent(inSocket, SocketEventType.HANDSHAKE_SUCCEEDED)
                    val bUp = expectEvent(outSocket, SocketEventType.HANDSHAKE_SUCCEEDED)
                    lz.socket("DEALER", "a", mapOf("ROUTING_ID" to "a".toByteArray()))
                    lz.socket("DEALER", "b", mapOf("ROUTING_ID" to "b".toByteArray()))
                    lz.connect(inSocket.bind("tcp://127.0.0.1:*"), "a")
                    lz.connect(outSocket.bind("tcp://127.0.0.1:*"), "b")
                    aUp.await()
                    bUp.await()
                    val queue = launch { monitoredQueue(inSocket, outSocket, mon) }
                    io { lz.send(Message.of("b", "hello", "there"), "a") }
                    io { lz.receive("b") } shouldBe Message.of("a", "hello", "there")
                    io { lz.send(Message.of("a", "hello", "there"), "b") }
                    io { lz.receive("a") } shouldBe Message.of("b", "hello", "there")
                    within { listOf(watcher.receive(), watcher.receive()) } shouldBe listOf(
                        Message.of("in", "b", "a", "hello", "there"),
                        Message.of("out", "a", "b", "hello", "there"),
                    )
                    queue.cancelAndJoin()
                }
            } }
        }

    test("ROUTER to DEALER: ids are not swapped (only two ROUTERs swap), as in pyzmq") {
        withTestContext { ctx ->
            coroutineScope {
                val inSocket = ctx.socket(SocketType.ROUTER).apply { bind("inproc://rd-in") }
                val outSocket = ctx.socket(SocketType.DEALER).apply { bind("inproc://rd-out") }
                val mon = ctx.socket(SocketType.PUSH).apply { bind("inproc://rd-mon") }
                val watcher = ctx.socket(SocketType.PULL).apply { connect("inproc://rd-mon") }
                val client = ctx.socket(SocketType.REQ).apply { routingId = "client".toByteArray(); connect("inproc://rd-in") }
                val worker = ctx.socket(SocketType.REP).apply { connect("inproc://rd-out") }
                val queue = launch { monitoredQueue(inSocket, outSocket, mon) }
                client.send(Message.of("ping"))
                within { worker.receive() } shouldBe Message.of("ping")
                worker.send(Message.of("pong"))
                within { client.receive() } shouldBe Message.of("pong")
                within { listOf(watcher.receive(), watcher.receive()) } shouldBe listOf(
                    Message.of("in", "client", "", "ping"),
                    Message.of("out", "client", "", "pong"),
                )
                queue.cancelAndJoin()
            }
        }
    }
})
