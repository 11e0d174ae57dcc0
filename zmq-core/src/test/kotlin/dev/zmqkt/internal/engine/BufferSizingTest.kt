package dev.zmqkt.internal.engine

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.launch

/**
 * Engines read and write through small buffers and move to large ones while a stream keeps filling them
 * (BufferPool): bursts of big and small messages, one after another, must arrive whole and in order.
 */
class BufferSizingTest : FunSpec({
    test("a stream that alternates between bulk and trickle arrives intact across buffer size changes") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            val sizes = listOf(1, 100, 20_000, 200_000, 10, 16 * 1024 - 2, 16 * 1024, 3)
            val count = 2_000
            fun payload(i: Int) = ByteArray(sizes[i % sizes.size]) { (i + it).toByte() }
            launch {
                for (i in 0 until count) push.send(Message.of("$i".toByteArray(), payload(i)))
            }
            for (i in 0 until count) {
                val m = within { pull.receive() }
                m[0].decodeToString() shouldBe "$i"
                m[1].bytes().contentEquals(payload(i)) shouldBe true
            }
        }
    }
})
