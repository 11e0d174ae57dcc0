package dev.zmqkt.internal.engine

import dev.zmqkt.AgainException
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.time.Duration
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * A DEALER sends a burst of numbered messages before reading any reply; a ROUTER echoes each from a plain thread
 * (sendBlocking(receiveBlocking())), as a blocking Java server would. The ROUTER's outbound pipe fills faster
 * than a writer coroutine waiting for a dispatcher thread can empty it; the OutputFlusher, called on the echo
 * thread when the pipe is full, must write the replies out so none is dropped (the lost-reply bug). Over tcp,
 * against zmq-kt itself, so it runs without libzmq (BurstEchoInteropTest runs the same against libzmq).
 */
class OutputFlusherStressTest : FunSpec({
    // The largest burst libzmq against itself absorbs over tcp on a loaded 2-core machine (see BurstEchoInteropTest).
    val count = 10_000
    val bursts = 10

    /** Echoes [count] messages on [router] from a plain thread; the first failure goes to [error]. */
    fun echoThread(router: Socket, error: AtomicReference<Throwable?>): Thread = thread(name = "router-echo") {
        try {
            repeat(count) { router.sendBlocking(router.receiveBlocking(Duration.ofSeconds(20))) }
        } catch (e: Throwable) {
            error.set(e)
        }
    }

    test("a ROUTER echoing from a plain thread returns every message of a $count-message burst, $bursts times") {
        withContext(Dispatchers.IO) {
            for (burst in 0 until bursts) {
                withTestContext { ctx ->
                    val router = ctx.socket(SocketType.ROUTER)
                    val dealer = ctx.socket(SocketType.DEALER).apply { connect(router.bind("tcp://127.0.0.1:*")) }
                    val echoError = AtomicReference<Throwable?>(null)
                    val echo = echoThread(router, echoError)

                    repeat(count) { dealer.sendBlocking(Message.of(it.toString()), Duration.ofSeconds(20)) }
                    val seen = BooleanArray(count)
                    var received = 0
                    var duplicates = 0
                    try {
                        // A lost reply shows as a receive that times out; 5 s is far beyond any delivery here.
                        repeat(count) {
                            val n = dealer.receiveBlocking(Duration.ofSeconds(5))[0].decodeToString().toInt()
                            if (seen[n]) duplicates++ else received++
                            seen[n] = true
                        }
                    } catch (_: AgainException) {
                    }
                    echo.join(20_000)
                    val missing = seen.indices.filter { !seen[it] }
                    withClue("burst $burst: ${missing.size} missing (${missing.take(10)}...), echo thread: ${echoError.get()}") {
                        missing shouldBe emptyList()
                        duplicates shouldBe 0
                        received shouldBe count
                        echoError.get() shouldBe null
                        echo.isAlive shouldBe false
                    }
                }
            }
        }
    }
})
