package dev.zmqkt.future

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.nondeterministic.eventually
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import kotlinx.coroutines.async
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldNotStartWith
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.future.await
import kotlinx.coroutines.runInterruptible
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.time.Duration.Companion.seconds

class SocketFuturesTest : FunSpec({
    test("a thread blocked on receiveAsync gets a message that arrives over tcp later") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            val pending = pull.receiveAsync()
            pending.isDone shouldBe false
            push.send(Message.of("late"))
            runInterruptible(Dispatchers.IO) { pending.get(10, TimeUnit.SECONDS) } shouldBe Message.of("late")
        }
    }

    test("a thread blocked in join() on a pending receive hears the receive timeout, and a second one its message") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveTimeout = java.time.Duration.ofMillis(200) }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val timedOut = pull.receiveAsync()
            val failure = shouldThrow<java.util.concurrent.CompletionException> {
                runInterruptible(Dispatchers.IO) { timedOut.join() }
            }
            // (kotlinx may add a copy of the exception on top when it recovers stack traces across coroutines)
            generateSequence(failure as Throwable) { it.cause }.any { it is dev.zmqkt.AgainException } shouldBe true

            pull.receiveTimeout = null
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            val pending = pull.receiveAsync()
            val joined = async(Dispatchers.IO) { runInterruptible { pending.join() } }
            push.send(Message.of("to the joiner"))
            within { joined.await() } shouldBe Message.of("to the joiner")
        }
    }

    test("callbacks attached to a pending receive do not run on the selector thread") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH)
            val connected = expectEvent(pull, SocketEventType.HANDSHAKE_SUCCEEDED)
            push.connect(endpoint)
            connected.await()
            repeat(20) { i ->
                val thread = CompletableFuture<String>()
                pull.receiveAsync().thenAccept { thread.complete(Thread.currentThread().name) }
                push.send(Message.of("m$i"))
                within { thread.await() } shouldNotStartWith "zmq-kt-selector"
            }
        }
    }

    test("a cancelled receiveAsync loses no message; a cancelled sendAsync sends nothing") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 1 }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = 1 }
            val pending = pull.receiveAsync()
            pending.cancel(false).shouldBeTrue()
            push.connect(endpoint)
            push.send(Message.of("kept"))
            within { pull.receive() } shouldBe Message.of("kept")

            // Fill the path (pipes and kernel buffers) until a send has to wait, then cancel that send. If it was
            // cancelled it never arrives; if it completed first it arrives once: never lost, never doubled.
            val payload = ByteArray(64 * 1024)
            var waiting: CompletableFuture<Void?>
            var n = 0
            while (true) {
                waiting = push.sendAsync(Message.of("fill-${n++}".toByteArray(), payload))
                if (!waiting.isDone) break
            }
            val sent = if (waiting.cancel(false)) n - 1 else n
            val received = (0 until sent).map { within { pull.receive() }[0].decodeToString() }
            received shouldBe (0 until sent).map { "fill-$it" }
            push.send(Message.of("after"))
            within { pull.receive() } shouldBe Message.of("after")
        }
    }

    test("a get(timeout) that gives up leaves the future waiting in the background; it completes later") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("inproc://gave-up")
            val pending = pull.receiveAsync()
            shouldThrow<java.util.concurrent.TimeoutException> {
                runInterruptible(Dispatchers.IO) { pending.get(50, TimeUnit.MILLISECONDS) }
            }
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("later"))
            within { pending.await() } shouldBe Message.of("later")
        }
    }

    test("an interrupted get() throws, and the future still gets the next message") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("inproc://interrupted")
            val pending = pull.receiveAsync()
            val outcome = CompletableFuture<Throwable?>()
            val waiter = Thread {
                outcome.complete(runCatching { pending.get() }.exceptionOrNull())
            }
            waiter.start()
            waiter.interrupt()
            (within { outcome.await() } is InterruptedException) shouldBe true
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("after the interrupt"))
            within { pending.await() } shouldBe Message.of("after the interrupt")
        }
    }

    test("two Java threads joining every future move 20,000 messages in order through HWM 2 on both sides") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 2 }
            pull.bind("inproc://joined")
            val push = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = 2 }
            push.connect("inproc://joined")
            val count = 20_000
            val received = CompletableFuture<List<Int>>()
            val receiver = Thread {
                received.complete((0 until count).map { pull.receiveAsync().join()[0].decodeToString().toInt() })
            }
            val sender = Thread { for (i in 0 until count) push.sendAsync(Message.of("$i")).join() }
            receiver.start()
            sender.start()
            within { received.await() } shouldBe (0 until count).toList()
        }
    }

    test("a thread blocked in join() returns when another thread cancels the future, or orTimeout fires") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            pull.bind("inproc://quiet") // nothing is ever sent: only the future's own ending can free the joiner
            val pending = pull.receiveAsync()
            val outcome = CompletableFuture<Throwable?>()
            val joiner = Thread { outcome.complete(runCatching { pending.join() }.exceptionOrNull()) }
            joiner.start()
            // Cancel only once the joiner is parked on the socket (a condition awaited with a timeout).
            eventually(5.seconds) { joiner.state shouldBe Thread.State.WAITING }
            pending.cancel(false).shouldBeTrue()
            (within { outcome.await() } is java.util.concurrent.CancellationException) shouldBe true

            val limited = pull.receiveAsync().orTimeout(100, TimeUnit.MILLISECONDS)
            val failure = shouldThrow<java.util.concurrent.CompletionException> {
                runInterruptible(Dispatchers.IO) { limited.join() }
            }
            generateSequence(failure as Throwable) { it.cause }.any { it is java.util.concurrent.TimeoutException } shouldBe true
        }
    }
})
