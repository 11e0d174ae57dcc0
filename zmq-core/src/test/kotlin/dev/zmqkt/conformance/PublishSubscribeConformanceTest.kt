package dev.zmqkt.conformance

import dev.zmqkt.Message
import dev.zmqkt.OperationNotSupportedException
import dev.zmqkt.InvalidOptionException
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.support.RawZmtpPeer
import dev.zmqkt.support.readCommand
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeLessThan
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.net.ServerSocket
import java.time.Duration

/**
 * Publishes [sync] on [pub] until [sub] receives it: the subscription has then reached the publisher (it is
 * processed in order, so every earlier subscription has too). The zguide's way to synchronise pub-sub.
 */
internal suspend fun awaitSubscribed(pub: Socket, sub: Socket, sync: String = "sync") {
    within {
        while (true) {
            pub.send(Message.of(sync))
            val got = withTimeoutOrNull(50) { sub.receive() } ?: continue
            if (got[0].decodeToString() == sync) break
        }
    }
    // drop extra sync messages still in flight
    while (withTimeoutOrNull(20) { sub.receive() }?.let { it[0].decodeToString() == sync } == true) { }
}

/** RFC 29 (PUBSUB): what PUB, SUB, XPUB and XSUB SHALL do. */
class PublishSubscribeConformanceTest : FunSpec({
    suspend fun <T> blocking(block: () -> T): T = withContext(Dispatchers.IO) { block() }

    test("PUB only sends and SUB only receives; subscribing is only for subscribers") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB)
            val sub = ctx.socket(SocketType.SUB)
            shouldThrow<OperationNotSupportedException> { pub.tryReceive() }
            shouldThrow<OperationNotSupportedException> { sub.trySend(Message.of("x")) }
            shouldThrow<InvalidOptionException> { pub.subscribe("x") }
        }
    }

    test("SUB receives only what matches its prefixes; the empty prefix matches everything") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB)
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            val news = ctx.socket(SocketType.SUB).apply { subscribe("news"); subscribe("sync-news"); connect(endpoint) }
            val all = ctx.socket(SocketType.SUB).apply { subscribe(""); connect(endpoint) }
            awaitSubscribed(pub, news, "sync-news")
            awaitSubscribed(pub, all, "sync-all")
            for (t in listOf("weather.1", "news.1", "sport.1", "news.2")) pub.send(Message.of(t, "body"))
            within { news.receive() } shouldBe Message.of("news.1", "body")
            within { news.receive() } shouldBe Message.of("news.2", "body")
            val seenByAll = ArrayList<String>() // "all" also sees news's sync messages: skip them
            within {
                while (seenByAll.size < 4) {
                    val topic = all.receive()[0].decodeToString()
                    if (!topic.startsWith("sync")) seenByAll += topic
                }
            }
            seenByAll shouldBe listOf("weather.1", "news.1", "sport.1", "news.2")
        }
    }

    test("subscriptions are counted: two subscribes need two unsubscribes") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB).apply { bind("inproc://counted") }
            val sub = ctx.socket(SocketType.SUB).apply { connect("inproc://counted") }
            sub.subscribe("A")
            sub.subscribe("A")
            sub.unsubscribe("A")
            pub.send(Message.of("A1"))
            within { sub.receive() } shouldBe Message.of("A1")
            sub.unsubscribe("A")
            pub.send(Message.of("A2"))
            sub.subscribe("B")
            pub.send(Message.of("B1"))
            within { sub.receive() } shouldBe Message.of("B1")
        }
    }

    test("a late subscriber gets only what is published after its subscription arrived") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB)
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            pub.send(Message.of("before anyone"))
            val sub = ctx.socket(SocketType.SUB).apply { subscribe(""); connect(endpoint) }
            awaitSubscribed(pub, sub)
            pub.send(Message.of("after"))
            within { sub.receive() } shouldBe Message.of("after")
        }
    }

    test("PUB never blocks: a subscriber that does not read loses messages, others do not") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB).apply { sendHighWaterMark = 10 }
            pub.bind("inproc://slow")
            val slow = ctx.socket(SocketType.SUB).apply { receiveHighWaterMark = 10; subscribe(""); connect("inproc://slow") }
            val fast = ctx.socket(SocketType.SUB).apply { receiveHighWaterMark = 0; subscribe(""); connect("inproc://slow") }
            repeat(1000) { pub.trySend(Message.of("$it")) shouldBe true }
            within { (0 until 1000).map { fast.receive()[0].decodeToString().toInt() } } shouldBe (0 until 1000).toList()
            var slowGot = 0
            while (slow.tryReceive() != null) slowGot++
            slowGot shouldBeLessThan 1000
            slowGot shouldBe 20 // both sides' HWMs over inproc
        }
    }

    test("filtering happens at the publisher, with SUBSCRIBE commands from ZMTP 3.1 subscribers") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.XPUB)
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            blocking {
                RawZmtpPeer.connect(endpoint).use { raw ->
                    raw.handshake("SUB")
                    raw.sendCommand(Command(Command.SUBSCRIBE, "A".toByteArray()))
                    kotlinx.coroutines.runBlocking { within { pub.receive() } } shouldBe Message.of(byteArrayOf(1, 'A'.code.toByte()))
                    kotlinx.coroutines.runBlocking { pub.send(Message.of("B-filtered")); pub.send(Message.of("A-wanted")) }
                    raw.readMessage() shouldBe listOf("A-wanted")
                }
            }
        }
    }

    test("ZMTP 3.0 subscribers subscribe with 0x01 messages, and a SUB sends them its subscriptions that way") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.XPUB)
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            blocking {
                RawZmtpPeer.connect(endpoint).use { raw ->
                    raw.handshake("SUB", minor = 0)
                    raw.sendFrame(0, byteArrayOf(1) + "T".toByteArray())
                    kotlinx.coroutines.runBlocking { within { pub.receive() } } shouldBe Message.of(byteArrayOf(1, 'T'.code.toByte()))
                    kotlinx.coroutines.runBlocking { pub.send(Message.of("T1")) }
                    raw.readMessage() shouldBe listOf("T1")
                }
            }
            val port = ServerSocket(0).use { it.localPort }
            val listener = ServerSocket(port)
            val sub = ctx.socket(SocketType.SUB).apply { subscribe("topic"); connect("tcp://127.0.0.1:$port") }
            blocking {
                listener.use { server ->
                    server.soTimeout = 10_000
                    RawZmtpPeer(server.accept()).use { raw ->
                        raw.handshake("PUB", minor = 0)
                        val frame = raw.readFrame()
                        frame.isCommand shouldBe false
                        frame.body.toList() shouldBe (byteArrayOf(1) + "topic".toByteArray()).toList()
                    }
                }
            }
            sub.close()
        }
    }

    test("a SUB sends SUBSCRIBE and CANCEL commands to a ZMTP 3.1 publisher") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val listener = ServerSocket(port)
            val sub = ctx.socket(SocketType.SUB).apply { subscribe("x"); connect("tcp://127.0.0.1:$port") }
            blocking {
                listener.use { server ->
                    server.soTimeout = 10_000
                    RawZmtpPeer(server.accept()).use { raw ->
                        raw.handshake("PUB")
                        raw.readCommand().let { it.name shouldBe Command.SUBSCRIBE; String(it.data) shouldBe "x" }
                        kotlinx.coroutines.runBlocking { sub.unsubscribe("x") }
                        raw.readCommand().let { it.name shouldBe Command.CANCEL; String(it.data) shouldBe "x" }
                    }
                }
            }
        }
    }

    test("a reconnecting SUB sends its subscriptions again") {
        withTestContext { ctx ->
            val port = ServerSocket(0).use { it.localPort }
            val endpoint = "tcp://127.0.0.1:$port"
            val sub = ctx.socket(SocketType.SUB).apply { reconnectInterval = Duration.ofMillis(20); subscribe("t"); subscribe("sync"); connect(endpoint) }
            val first = ctx.socket(SocketType.PUB).apply { linger = Duration.ZERO; bind(endpoint) }
            awaitSubscribed(first, sub)
            first.send(Message.of("t1"))
            within { sub.receive() } shouldBe Message.of("t1")
            first.close()
            val second = ctx.socket(SocketType.PUB).apply { bind(endpoint) }
            awaitSubscribed(second, sub) // only works if the subscriptions came back by themselves
            second.send(Message.of("t2"))
            within { sub.receive() } shouldBe Message.of("t2")
        }
    }

    test("many subscribers with different topics each get their own") {
        withTestContext { ctx ->
            val pub = ctx.socket(SocketType.PUB)
            val endpoint = pub.bind("tcp://127.0.0.1:*")
            val subs = (0 until 10).map { i -> ctx.socket(SocketType.SUB).apply { subscribe("topic-$i:"); subscribe("sync-$i"); connect(endpoint) } }
            subs.forEachIndexed { i, s -> awaitSubscribed(pub, s, "sync-$i") }
            for (round in 0 until 5) for (i in 0 until 10) pub.send(Message.of("topic-$i:$round"))
            subs.forEachIndexed { i, s ->
                within { (0 until 5).map { s.receive()[0].decodeToString() } } shouldBe (0 until 5).map { "topic-$i:$it" }
            }
        }
    }
})
