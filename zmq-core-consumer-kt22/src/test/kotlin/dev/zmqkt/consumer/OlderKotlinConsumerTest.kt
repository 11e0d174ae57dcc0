package dev.zmqkt.consumer

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.flow.messages
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.withTimeout
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.time.Duration

/** A user's code on Kotlin 2.2 calling the suspending API of zmq-core and zmq-flow. */
class OlderKotlinConsumerTest {

    @Test
    fun `suspending send and receive over tcp`() = runBlocking {
        val context = Context()
        try {
            context.defaultOptions.linger = Duration.ofMillis(200)
            val pull = context.socket(SocketType.PULL)
            val push = context.socket(SocketType.PUSH)
            push.immediate = false
            push.connect(pull.bind("tcp://127.0.0.1:*"))

            push.send(Message.of("hello", "from Kotlin ${KotlinVersion.CURRENT}"))
            val received = withTimeout(10_000) { pull.receive() }
            assertEquals(listOf("hello", "from Kotlin ${KotlinVersion.CURRENT}"), received.toStrings())

            push.send(Message.of("as a flow"))
            assertEquals("as a flow", withTimeout(10_000) { pull.messages().first() }[0].decodeToString())
        } finally {
            context.terminate()
        }
        assertTrue(context.isClosed)
        assertTrue(KotlinVersion.CURRENT.major == 2 && KotlinVersion.CURRENT.minor == 2, "runs on kotlin-stdlib ${KotlinVersion.CURRENT}")
    }
}
