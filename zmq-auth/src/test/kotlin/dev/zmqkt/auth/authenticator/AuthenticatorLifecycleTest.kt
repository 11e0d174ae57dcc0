package dev.zmqkt.auth.authenticator

import dev.zmqkt.AddressInUseException
import dev.zmqkt.Context
import dev.zmqkt.ContextClosedException
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.auth.Curve
import dev.zmqkt.auth.support.ZapRequester
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import java.util.concurrent.Executors

/** Starting, stopping, restarting, scopes and contexts ending, and where the handler runs. */
class AuthenticatorLifecycleTest : FunSpec({
    /** True when a ZAP handler answers in [ctx]: a fresh one can not bind (the endpoint is taken). */
    fun handlerBound(ctx: Context): Boolean {
        val probe = Authenticator(ctx)
        return try {
            probe.start()
            false
        } catch (_: AddressInUseException) {
            true
        } finally {
            probe.close()
        }
    }

    test("start binds, a second start is a no-op, stop unbinds, start serves again") {
        withTestContext { ctx ->
            coroutineScope {
                val auth = Authenticator(ctx, this)
                auth.isRunning shouldBe false
                auth.start()
                auth.start()
                auth.isRunning shouldBe true
                handlerBound(ctx) shouldBe true
                ZapRequester(ctx).use { it.ask("NULL").status shouldBe "200" }
                auth.stop()
                auth.isRunning shouldBe false
                handlerBound(ctx) shouldBe false
                auth.configurePlain(mapOf("u" to "p"))
                auth.start()
                ZapRequester(ctx).use { it.askPlain("u", "p").status shouldBe "200" } // configuration kept
                auth.stop()
            }
        }
    }

    test("one handler per context: a second Authenticator fails with AddressInUseException until the first stops") {
        withTestContext { ctx ->
            coroutineScope {
                val first = Authenticator(ctx, this).apply { start() }
                val second = Authenticator(ctx, this)
                shouldThrow<AddressInUseException> { second.start() }
                second.isRunning shouldBe false
                first.stop()
                second.start()
                ZapRequester(ctx).use { it.ask("NULL").status shouldBe "200" }
                second.stop()
            }
        }
    }

    test("cancelling the scope stops it and unbinds the handler") {
        withTestContext { ctx ->
            val job = Job()
            val auth = Authenticator(ctx, CoroutineScope(job + Dispatchers.Default))
            auth.start()
            ZapRequester(ctx).use { it.ask("NULL").status shouldBe "200" }
            job.cancelAndJoin()
            auth.isRunning shouldBe false
            handlerBound(ctx) shouldBe false
        }
    }

    test("a request pending in a callback when the scope is cancelled is cancelled with it") {
        withTestContext { ctx ->
            val job = Job()
            val auth = Authenticator(ctx, CoroutineScope(job + Dispatchers.Default))
            val entered = CompletableDeferred<Unit>()
            val cancelled = CompletableDeferred<Throwable>()
            auth.configureCurveCallback { _, _ ->
                entered.complete(Unit)
                try {
                    CompletableDeferred<Boolean>().await()
                } catch (e: Throwable) {
                    cancelled.complete(e)
                    throw e
                }
            }
            auth.start()
            ZapRequester(ctx).use { zap ->
                coroutineScope {
                    launch { runCatching { zap.askCurve(Curve.keypair().publicKeyBytes()) } }.also {
                        within { entered.await() }
                        job.cancelAndJoin()
                        within { cancelled.await() }::class.simpleName!! shouldStartWith "JobCancellation"
                        it.cancel()
                    }
                }
            }
        }
    }

    test("closing the context ends the serving coroutine, and the scope with it") {
        val ctx = Context()
        within {
            coroutineScope {
                val auth = Authenticator(ctx, this)
                auth.start()
                ZapRequester(ctx).use { it.ask("NULL").status shouldBe "200" }
                ctx.terminate()
            } // returns only once the Authenticator's coroutine has ended
        }
    }

    test("start on a closed context, after close, or with a cancelled scope fails, leaving nothing bound") {
        val closedContext = Context().apply { close() }
        shouldThrow<ContextClosedException> { Authenticator(closedContext).start() }
        withTestContext { ctx ->
            val auth = Authenticator(ctx)
            auth.close()
            shouldThrow<IllegalStateException> { auth.start() }.message shouldBe "the authenticator is closed"
            val cancelled = CoroutineScope(Job().apply { cancel() })
            shouldThrow<IllegalStateException> { Authenticator(ctx, cancelled).start() }
            handlerBound(ctx) shouldBe false
        }
    }

    test("the Java forms run on the context's dispatcher or on the executor given; close ends them") {
        val pool = Executors.newSingleThreadExecutor { r -> Thread(r, "ctx-pool") }
        val authPool = Executors.newSingleThreadExecutor { r -> Thread(r, "auth-pool") }
        try {
            Context(pool).use { ctx ->
                ctx.defaultOptions.linger = java.time.Duration.ZERO
                for ((make, expected) in listOf<Pair<() -> Authenticator, String>>(
                    { Authenticator(ctx) } to "ctx-pool",
                    { Authenticator(ctx, authPool) } to "auth-pool",
                )) {
                    val auth = make()
                    val thread = CompletableDeferred<String>()
                    auth.configureCurveCallback { _, _ -> thread.complete(Thread.currentThread().name.substringBefore(" @")); true }
                    auth.start()
                    ZapRequester(ctx).use { it.askCurve(Curve.keypair().publicKeyBytes()).status shouldBe "200" }
                    thread.await() shouldBe expected
                    auth.close()
                    auth.isRunning shouldBe false
                    handlerBound(ctx) shouldBe false
                }
            }
        } finally {
            pool.shutdown()
            authPool.shutdown()
        }
    }
})
