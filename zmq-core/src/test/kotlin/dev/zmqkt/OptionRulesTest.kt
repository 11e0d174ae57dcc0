package dev.zmqkt

import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.time.Duration

/** Which options a socket accepts: none once closed, and type-specific ones only on their types (libzmq's EINVAL). */
class OptionRulesTest : FunSpec({
    test("setting an option on a closed socket raises SocketClosedException, and ContextClosedException once the context is closed") {
        val ctx = Context()
        val closed = ctx.socket(SocketType.PUSH)
        val open = ctx.socket(SocketType.PUSH)
        closed.close()
        shouldThrow<SocketClosedException> { closed.linger = Duration.ZERO }
        shouldThrow<SocketClosedException> { closed.sendHighWaterMark = 5 }
        shouldThrow<SocketClosedException> { closed.setOption("SNDHWM", 5) }
        closed.sendHighWaterMark shouldBe 1000 // reading stays possible
        ctx.close(Duration.ZERO)
        shouldThrow<ContextClosedException> { open.linger = Duration.ZERO }
        shouldThrow<ContextClosedException> { closed.linger = Duration.ZERO }
    }

    test("type-specific options raise InvalidOptionException on other types, and keep working on theirs") {
        withTestContext { ctx ->
            val dealer = ctx.socket(SocketType.DEALER)
            val e = shouldThrow<InvalidOptionException> { dealer.routerMandatory = true }
            e.errorName shouldBe "EINVAL"
            e.message shouldContain "ROUTER"
            shouldThrow<InvalidOptionException> { dealer.routerHandover = true }
            shouldThrow<InvalidOptionException> { dealer.requestCorrelate = true }
            shouldThrow<InvalidOptionException> { dealer.xpubVerbose = true }
            shouldThrow<InvalidOptionException> { dealer.invertMatching = true }
            shouldThrow<InvalidOptionException> { dealer.connectRoutingId = "x".toByteArray() }
            shouldThrow<InvalidOptionException> { dealer.setOption("ROUTER_MANDATORY", 1) }
            dealer.routerMandatory shouldBe false
            dealer.probeRouter = true
            dealer.conflate = true

            ctx.socket(SocketType.ROUTER).apply {
                routerMandatory = true
                routerHandover = true
                probeRouter = true
                connectRoutingId = "peer".toByteArray()
                shouldThrow<InvalidOptionException> { conflate = true }
            }
            ctx.socket(SocketType.REQ).apply {
                requestCorrelate = true
                requestRelaxed = true
                probeRouter = true
                shouldThrow<InvalidOptionException> { routerMandatory = true }
            }
            ctx.socket(SocketType.XPUB).apply {
                xpubVerbose = true
                xpubVerboser = true
                xpubManual = true
                xpubNoDrop = true
                xpubWelcomeMessage = "hi".toByteArray()
                invertMatching = true
            }
            ctx.socket(SocketType.PUB).apply {
                invertMatching = true
                xpubNoDrop = true
                shouldThrow<InvalidOptionException> { xpubManual = true }
            }
            ctx.socket(SocketType.SUB).invertMatching = true
            ctx.socket(SocketType.XSUB).apply { shouldThrow<InvalidOptionException> { invertMatching = true } }
            for (type in listOf(SocketType.PUSH, SocketType.PULL, SocketType.PUB, SocketType.SUB, SocketType.DEALER)) {
                ctx.socket(type).conflate = true
            }
            for (type in listOf(SocketType.PAIR, SocketType.REP, SocketType.XPUB, SocketType.XSUB)) {
                shouldThrow<InvalidOptionException> { ctx.socket(type).conflate = true }
            }
        }
    }

    test("a context's defaults take every option; a socket takes only those for its type") {
        withTestContext { ctx ->
            ctx.defaultOptions.routerMandatory = true
            ctx.defaultOptions.conflate = true
            ctx.defaultOptions.requestRelaxed = true
            ctx.defaultOptions.sendHighWaterMark = 42
            val dealer = ctx.socket(SocketType.DEALER)
            dealer.routerMandatory shouldBe false
            dealer.requestRelaxed shouldBe false
            dealer.conflate shouldBe true
            dealer.sendHighWaterMark shouldBe 42
            val router = ctx.socket(SocketType.ROUTER)
            router.routerMandatory shouldBe true
            router.conflate shouldBe false

            // copyFrom onto a socket follows the same rule instead of raising
            val req = ctx.socket(SocketType.REQ)
            req.copyFrom(ctx.defaultOptions)
            req.requestRelaxed shouldBe true
            req.routerMandatory shouldBe false
        }
    }

    test("byte options are copied in and out") {
        val o = SocketOptions.defaults()
        val id = "abc".toByteArray()
        o.routingId = id
        id[0] = 'z'.code.toByte()
        String(o.routingId!!) shouldBe "abc"
        o.routingId!![0] = 'q'.code.toByte()
        String(o.routingId!!) shouldBe "abc"
    }
})
