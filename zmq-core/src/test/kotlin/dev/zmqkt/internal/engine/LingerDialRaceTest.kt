package dev.zmqkt.internal.engine

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.async
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.coroutineScope
import java.net.ServerSocket
import java.time.Duration
import java.util.concurrent.CountDownLatch
import java.util.concurrent.Executors

/**
 * A connecting session whose first dial runs after Context.terminate(linger) began must still dial and deliver.
 * The selector is started lazily (ContextCore.selectorManager); it used to refuse to start once the context was
 * closed, so the session failed with ContextClosedException (logged at ERROR), the queued message was never
 * delivered and terminate waited out its whole linger. CloseWithLingerTest's "a longer linger given at terminate still delivers
 * to a peer that comes late" hits this by chance on a loaded machine; this test makes the order certain by
 * holding the context's only thread until terminate has begun.
 */
class LingerDialRaceTest : FunSpec({
    test("a session whose first tcp dial runs after terminate(linger) began still delivers") {
        val port = ServerSocket(0).use { it.localPort }
        val gate = CountDownLatch(1)
        val pool = Executors.newSingleThreadExecutor()
        pool.execute { gate.await() } // holds the context's only thread: the session's first dial waits behind it
        val sender = Context(pool.asCoroutineDispatcher())
        val receiver = Context()
        try {
            val push = sender.socket(SocketType.PUSH).apply { linger = Duration.ZERO; reconnectInterval = Duration.ofMillis(20); connect("tcp://127.0.0.1:$port") }
            push.send(Message.of("late"))
            coroutineScope {
                val terminated = async(start = CoroutineStart.UNDISPATCHED) { sender.terminate(Duration.ofSeconds(20)) }
                gate.countDown()
                val pull = receiver.socket(SocketType.PULL).apply { bind("tcp://127.0.0.1:$port") }
                within(5_000) { pull.receive()[0].decodeToString() } shouldBe "late"
                within { terminated.await() }
            }
        } finally {
            gate.countDown()
            sender.close(Duration.ZERO)
            receiver.close(Duration.ZERO)
            pool.shutdownNow()
        }
    }
})
