package dev.zmqkt

import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import java.time.Duration

/** The batch forms: many messages per lock, each whole, in order; nothing lost to a timeout or a cancellation. */
class BatchSendReceiveTest : FunSpec({
    fun numbered(count: Int, from: Int = 0) = (from until from + count).map { Message.of("m$it", "second frame $it") }

    test("sendAll and receiveAvailable move many multipart messages in order over tcp") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("tcp://127.0.0.1:*")) }
            val sent = numbered(20_000)
            coroutineScope {
                launch { push.sendAll(sent) }
                val received = ArrayList<Message>()
                within(30_000) { while (received.size < sent.size) received += pull.receiveAvailable(1000) }
                received shouldBe sent
            }
        }
    }

    test("trySendAll sends what fits under the high-water mark; tryReceiveAll takes at most max") {
        withTestContext { ctx ->
            val push = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = 10 }
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 10 }
            push.connect(pull.bind("inproc://batch"))
            pull.tryReceiveAll(5).shouldBeEmpty()
            val sent = push.trySendAll(numbered(50)) // inproc: the two marks add up
            sent shouldBe 20
            pull.tryReceiveAll(7) shouldBe numbered(7)
            pull.tryReceiveAll(100) shouldBe numbered(13, from = 7)
            shouldThrow<IllegalArgumentException> { pull.tryReceiveAll(0) }
        }
    }

    test("a sendAll that times out says how many went, and those arrive whole") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 5 }
            val push = ctx.socket(SocketType.PUSH).apply {
                sendHighWaterMark = 5
                sendTimeout = Duration.ofMillis(200)
            }
            push.connect(pull.bind("inproc://timeout"))
            val e = shouldThrow<AgainException> { push.sendAll(numbered(30)) }
            e.message shouldContain "the first 10 of 30 messages were sent"
            pull.tryReceiveAll(100) shouldBe numbered(10)
            push.sendAllBlocking(numbered(3, from = 10), Duration.ofSeconds(5))
            pull.receiveAvailableBlocking(10, Duration.ofSeconds(5)) shouldBe numbered(3, from = 10)
        }
    }

    test("a cancelled receiveAvailable loses no message; a receive timeout raises AgainException") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val push = ctx.socket(SocketType.PUSH).apply { connect(pull.bind("inproc://cancel")) }
            coroutineScope {
                val waiting = async(start = CoroutineStart.UNDISPATCHED) { pull.receiveAvailable(10) }
                waiting.cancelAndJoin()
            }
            push.sendAll(numbered(3))
            within { pull.receiveAvailable(10) } shouldBe numbered(3)
            pull.receiveTimeout = Duration.ofMillis(50)
            shouldThrow<AgainException> { pull.receiveAvailable(10) }
        }
    }
})
