package dev.zmqkt

import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldMatch
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.coroutines.flow.first
import java.net.ServerSocket
import java.time.Duration

class SocketApiTest : FunSpec({
    test("binding an ephemeral port returns the resolved endpoint, also readable as lastEndpoint") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            endpoint shouldMatch Regex("tcp://127\\.0\\.0\\.1:\\d+")
            endpoint.substringAfterLast(':').toInt() shouldBe (endpoint.substringAfterLast(':').toInt().coerceIn(1, 65535))
            pull.lastEndpoint shouldBe endpoint
            pull.bind("tcp://*:*") shouldStartWith "tcp://0.0.0.0:"
        }
    }

    test("ipv6 loopback and host names work for bind and connect") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val v6 = pull.bind("tcp://[::1]:*")
            v6 shouldStartWith "tcp://[::1]:"
            val v4 = pull.bind("tcp://127.0.0.1:*")
            val push6 = ctx.socket(SocketType.PUSH).apply { connect(v6) }
            val pushName = ctx.socket(SocketType.PUSH).apply { connect("tcp://localhost:${v4.substringAfterLast(':')}") }
            push6.send(Message.of("over ipv6"))
            pushName.send(Message.of("by name"))
            val got = within { setOf(pull.receive()[0].decodeToString(), pull.receive()[0].decodeToString()) }
            got shouldBe setOf("over ipv6", "by name")
        }
    }

    test("bad endpoints give typed errors and leave the socket usable") {
        withTestContext { ctx ->
            val s = ctx.socket(SocketType.PULL)
            shouldThrow<InvalidEndpointException> { s.bind("tcp://127.0.0.1") }
            shouldThrow<InvalidEndpointException> { s.connect("tcp://*:5555") }
            shouldThrow<InvalidEndpointException> { s.bind("nonsense") }
            shouldThrow<UnsupportedTransportException> { s.bind("pgm://eth0;239.192.1.1:5555") }
            shouldThrow<InvalidEndpointException> { s.bind("tcp://no-such-host.invalid:5555") }
            val endpoint = s.bind("tcp://127.0.0.1:*")
            val other = ctx.socket(SocketType.PULL)
            val e = shouldThrow<AddressInUseException> { other.bind(endpoint) }
            e.errorName shouldBe "EADDRINUSE"
            ServerSocket(0).use { busy ->
                shouldThrow<AddressInUseException> { other.bind("tcp://127.0.0.1:${busy.localPort}") }
            }
            shouldThrow<EndpointNotFoundException> { s.unbind("tcp://127.0.0.1:1") }
            shouldThrow<EndpointNotFoundException> { s.disconnect("tcp://127.0.0.1:1") }
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("still works"))
            within { s.receive() } shouldBe Message.of("still works")
        }
    }

    test("operations a socket type does not have raise OperationNotSupportedException") {
        withTestContext { ctx ->
            shouldThrow<OperationNotSupportedException> { ctx.socket(SocketType.PUSH).receive() }
            shouldThrow<OperationNotSupportedException> { ctx.socket(SocketType.PULL).send(Message.of("x")) }
            shouldThrow<OperationNotSupportedException> { ctx.socket(SocketType.PULL).trySend(Message.of("x")) }
        }
    }

    test("timeouts raise AgainException; try forms return at once") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveTimeout = Duration.ofMillis(50) }
            pull.bind("tcp://127.0.0.1:*")
            shouldThrow<AgainException> { pull.receive() }.errorName shouldBe "EAGAIN"
            pull.tryReceive() shouldBe null
            val push = ctx.socket(SocketType.PUSH).apply { sendTimeout = Duration.ZERO }
            push.trySend(Message.of("nobody")) shouldBe false
            shouldThrow<AgainException> { push.send(Message.of("nobody")) }
            shouldThrow<AgainException> { pull.receiveBlocking(Duration.ofMillis(20)) }
        }
    }

    test("closed sockets and contexts raise typed errors, also for calls already waiting") {
        val ctx = Context()
        ctx.defaultOptions.linger = Duration.ZERO
        val pull = ctx.socket(SocketType.PULL)
        pull.bind("tcp://127.0.0.1:*")
        coroutineScope {
            val waiting = async(start = CoroutineStart.UNDISPATCHED) { runCatching { pull.receive() } }
            pull.close()
            within { waiting.await() }.exceptionOrNull()!!::class shouldBe SocketClosedException::class
        }
        shouldThrow<SocketClosedException> { pull.tryReceive() }
        shouldThrow<SocketClosedException> { pull.bind("tcp://127.0.0.1:*") }
        val other = ctx.socket(SocketType.PULL)
        coroutineScope {
            val waiting = async(start = CoroutineStart.UNDISPATCHED) { runCatching { other.receive() } }
            ctx.terminate()
            within { waiting.await() }.exceptionOrNull()!!::class shouldBe ContextClosedException::class
        }
        shouldThrow<ContextClosedException> { ctx.socket(SocketType.PUSH) }
        shouldThrow<ContextClosedException> { other.tryReceive() }
    }

    test("a cancelled receive loses no message") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            coroutineScope {
                val waiting = launch(start = CoroutineStart.UNDISPATCHED) { pull.receive() }
                waiting.cancelAndJoin()
            }
            push.send(Message.of("kept"))
            within { pull.receive() } shouldBe Message.of("kept")

            // Many receives cancelled at random moments while messages flow: every message is received once.
            // Each message is recorded inside the timed block, where receive returns it: withTimeoutOrNull may
            // still report a timeout that fired after its block's last line, dropping the value the block
            // returned (kotlinx documents this), which would look like a lost message.
            val total = 20_000
            val received = ArrayList<String>(total)
            coroutineScope {
                launch { repeat(total) { push.send(Message.of("$it")) } }
                var attempts = 0
                while (received.size < total) {
                    withTimeoutOrNull((attempts++ % 3).toLong()) { received += pull.receive()[0].decodeToString() }
                }
            }
            received shouldBe (0 until total).map { "$it" }
        }
    }

    test("several coroutines can send and receive on one socket at once; multipart messages stay whole") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            val senders = 8
            val each = 2_000
            val seen = java.util.concurrent.ConcurrentHashMap.newKeySet<String>()
            coroutineScope {
                repeat(senders) { s ->
                    launch(kotlinx.coroutines.Dispatchers.Default) {
                        repeat(each) { i -> push.send(Message.of("s$s", "$i", "end")) }
                    }
                }
                val receivers = (0 until 4).map {
                    launch(kotlinx.coroutines.Dispatchers.Default) {
                        while (seen.size < senders * each) {
                            // Recorded inside the timed block (see "a cancelled receive loses no message").
                            withTimeoutOrNull(100) {
                                val m = pull.receive()
                                m.size shouldBe 3
                                m[2].decodeToString() shouldBe "end"
                                seen.add("${m[0].decodeToString()}/${m[1].decodeToString()}") shouldBe true
                            }
                        }
                    }
                }
                within(60_000) { receivers.forEach { it.join() } }
            }
            seen.size shouldBe senders * each
        }
    }

    test("messages are handed over without copying their byte arrays") {
        val bytes = "zero copy".toByteArray()
        val frame = Frame.of(bytes)
        frame.bytes() shouldBe bytes
        (frame.bytes() === bytes) shouldBe true
        Frame.of(bytes, 5, 4).decodeToString() shouldBe "copy"
        Frame.of(java.nio.ByteBuffer.wrap(bytes, 5, 4)).decodeToString() shouldBe "copy"
        val direct = java.nio.ByteBuffer.allocateDirect(4).put("abcd".toByteArray()).flip()
        Frame.of(direct).decodeToString() shouldBe "abcd"
        Message.of("a", "b").toStrings() shouldBe listOf("a", "b")
        Message.of(Charsets.UTF_16, "é").first().decodeToString(Charsets.UTF_16) shouldBe "é"
    }

    test("unbind stops accepting and closes its connections; disconnect stops connecting") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("before"))
            within { pull.receive() } shouldBe Message.of("before")
            coroutineScope {
                val disconnected = expectEvent(push, SocketEventType.DISCONNECTED)
                val reconnected = push.monitor(SocketEventType.HANDSHAKE_SUCCEEDED)
                pull.unbind(endpoint)
                disconnected.await()
                // push keeps retrying, but nothing accepts it any more
                withTimeoutOrNull(500) { reconnected.first() } shouldBe null
            }
            shouldThrow<EndpointNotFoundException> { pull.unbind(endpoint) }
            push.disconnect(endpoint)
            shouldThrow<EndpointNotFoundException> { push.disconnect(endpoint) }
        }
    }
})
