package dev.zmqkt.internal.transport

import dev.zmqkt.AddressInUseException
import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.flow.first
import java.time.Duration

class InprocTest : FunSpec({
    test("bind then connect, and connect then bind, both work; messages are not copied") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { bind("inproc://first") }
            val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://first") }
            val payload = "shared".toByteArray()
            push.send(Message.of(payload))
            val got = within { pull.receive() }
            (got[0].bytes() === payload) shouldBe true

            val early = ctx.socket(SocketType.PUSH).apply { connect("inproc://later") }
            early.send(Message.of("queued before bind"))
            val late = ctx.socket(SocketType.PULL).apply { bind("inproc://later") }
            within { late.receive() } shouldBe Message.of("queued before bind")
        }
    }

    test("messages queued before a conflating socket binds are not lost: the newest is delivered") {
        withTestContext { ctx ->
            val early = ctx.socket(SocketType.PUSH).apply { connect("inproc://conflated-later") }
            for (i in 1..3) early.send(Message.of("queued $i"))
            val late = ctx.socket(SocketType.PULL).apply {
                conflate = true
                bind("inproc://conflated-later")
            }
            within { late.receive() } shouldBe Message.of("queued 3")
            late.tryReceive() shouldBe null
            early.send(Message.of("after bind"))
            within { late.receive() } shouldBe Message.of("after bind")
        }
    }

    test("one name binds once per context; another context has its own names") {
        withTestContext { ctx ->
            ctx.socket(SocketType.PULL).bind("inproc://taken")
            shouldThrow<AddressInUseException> { ctx.socket(SocketType.PULL).bind("inproc://taken") }
            Context().use { other ->
                other.socket(SocketType.PULL).bind("inproc://taken")
                val push = other.socket(SocketType.PUSH).apply { immediate = true; connect("inproc://nowhere") }
                push.trySend(Message.of("x")) shouldBe false
            }
        }
    }

    test("the high-water mark is the sum of both sides'") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { receiveHighWaterMark = 3; bind("inproc://hwm") }
            val push = ctx.socket(SocketType.PUSH).apply { sendHighWaterMark = 2; connect("inproc://hwm") }
            var sent = 0
            while (push.trySend(Message.of("$sent"))) sent++
            sent shouldBe 5
            repeat(5) { within { pull.receive() } shouldBe Message.of("$it") }
            pull.tryReceive() shouldBe null
        }
    }

    test("incompatible socket types are refused, with a monitor event") {
        withTestContext { ctx ->
            val a = ctx.socket(SocketType.PUSH)
            val refused = a.monitor(SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
            a.bind("inproc://types")
            val b = ctx.socket(SocketType.PUSH).apply { connect("inproc://types") }
            within { refused.first() }
            b.trySend(Message.of("x")) shouldBe false
        }
    }

    test("routing ids travel both ways, and REQ/REP/DEALER/ROUTER work over inproc") {
        withTestContext { ctx ->
            val router = ctx.socket(SocketType.ROUTER).apply { routingId = "broker".toByteArray(); bind("inproc://ids") }
            val dealer = ctx.socket(SocketType.ROUTER).apply { routingId = "worker".toByteArray(); connect("inproc://ids") }
            dealer.routerMandatory = true
            dealer.send(Message.of("broker", "ready"))
            within { router.receive() }.toStrings() shouldBe listOf("worker", "ready")
        }
    }

    test("closing one side lets the other deliver what it has and then drop the link") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { bind("inproc://close") }
            val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://close") }
            repeat(10) { push.send(Message.of("$it")) }
            push.close()
            repeat(10) { within { pull.receive() } shouldBe Message.of("$it") }
            val pair = ctx.socket(SocketType.PAIR).apply { bind("inproc://pair") }
            val peer = ctx.socket(SocketType.PAIR).apply { connect("inproc://pair") }
            peer.send(Message.of("hello"))
            within { pair.receive() }
            peer.close()
            // the PAIR is free for a new peer
            val next = ctx.socket(SocketType.PAIR).apply { connect("inproc://pair") }
            next.send(Message.of("second peer"))
            within { pair.receive() } shouldBe Message.of("second peer")
            pair.sendTimeout = Duration.ofSeconds(5)
            pair.send(Message.of("back"))
            within { next.receive() } shouldBe Message.of("back")
        }
    }

    test("unbind ends the connections; disconnect ends one") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { bind("inproc://ub") }
            val push = ctx.socket(SocketType.PUSH).apply { connect("inproc://ub") }
            push.send(Message.of("before"))
            pull.unbind("inproc://ub")
            within { pull.receive() } shouldBe Message.of("before")
            push.trySend(Message.of("after")) shouldBe false
            val again = ctx.socket(SocketType.PULL).apply { bind("inproc://ub") }
            val push2 = ctx.socket(SocketType.PUSH).apply { connect("inproc://ub") }
            push2.disconnect("inproc://ub")
            push2.trySend(Message.of("x")) shouldBe false
            again.tryReceive() shouldBe null
        }
    }
})
