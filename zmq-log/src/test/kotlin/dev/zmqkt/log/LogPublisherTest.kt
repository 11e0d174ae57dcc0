package dev.zmqkt.log

import dev.zmqkt.SocketType
import dev.zmqkt.log.support.joinByProbing
import dev.zmqkt.log.support.receiveMany
import dev.zmqkt.support.withTestContext
import dev.zmqkt.support.within
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.longs.shouldBeGreaterThan
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.flow.first
import java.time.Duration

/** The publisher every integration goes through: topics, drops counted at the high-water mark, closing. */
class LogPublisherTest : FunSpec({
    test("records arrive as [topic, text] with root, level and subtopic") {
        withTestContext { ctx ->
            LogPublisher.builder().bind("tcp://127.0.0.1:*").rootTopic("app").build().use { pub ->
                pub.boundEndpoints.single() shouldStartWith "tcp://127.0.0.1:"
                LogSubscriber.connect(ctx, pub.boundEndpoints.single(), rootTopic = "app").use { sub ->
                    joinByProbing(sub, { pub.publish(LogLevel.DEBUG, "probe") }, { pub.publish(LogLevel.DEBUG, "fence") })
                    pub.publish(LogLevel.INFO, "started") shouldBe true
                    pub.publish(LogLevel.WARNING, "db", "slow query")
                    pub.publish(LogLevel.ERROR, "disk.sda::full ✓")
                    pub.publish(LogLevel.CRITICAL, null, "a::b")
                    sub.receiveMany(4).map { listOf(it.topic, it.levelName, it.subtopic, it.text) } shouldContainExactly listOf(
                        listOf("app.INFO", "INFO", "", "started"),
                        listOf("app.WARNING.db", "WARNING", "db", "slow query"),
                        listOf("app.ERROR.disk.sda", "ERROR", "disk.sda", "full ✓"),
                        listOf("app.CRITICAL", "CRITICAL", "", "a::b"),
                    )
                }
            }
        }
    }

    test("a subscriber's topic prefix filters at the publisher") {
        withTestContext { ctx ->
            LogPublisher.builder().bind("tcp://127.0.0.1:*").build().use { pub ->
                LogSubscriber.connect(ctx, pub.boundEndpoints.single(), listOf("ERROR", "CRITICAL")).use { sub ->
                    joinByProbing(sub, { pub.publish(LogLevel.ERROR, "probe") }, { pub.publish(LogLevel.ERROR, "fence") })
                    pub.publish(LogLevel.INFO, "not this")
                    pub.publish(LogLevel.WARNING, "nor this")
                    pub.publish(LogLevel.CRITICAL, "this")
                    within { sub.records().first() }.topic shouldBe "CRITICAL"
                }
            }
        }
    }

    test("at a subscriber's high-water mark records are dropped and counted, never waited for") {
        withTestContext { ctx ->
            val reports = ArrayList<Long>()
            val pub = LogPublisher.builder().bind("tcp://127.0.0.1:*").sendHighWaterMark(10)
                .dropReporter { since, _ -> synchronized(reports) { reports += since } }.build()
            val subSocket = ctx.socket(SocketType.SUB).apply {
                receiveHighWaterMark = 10
                subscribe("")
                connect(pub.boundEndpoints.single())
            }
            val sub = LogSubscriber(subSocket)
            joinByProbing(sub, { pub.publish(LogLevel.INFO, "probe") }, { pub.publish(LogLevel.INFO, "fence") })
            // about 22 MB while nobody reads: more than the queues and the kernel's buffers hold
            val published = (0 until 200_000).filter { pub.publish(LogLevel.INFO, "record $it " + "x".repeat(100)) }
            pub.droppedCount shouldBeGreaterThan 0
            pub.droppedCount shouldBe 200_000L - published.size
            // what was not dropped arrives, in order
            sub.receiveMany(published.size, timeoutMs = 60_000).map { it.text.split(' ').take(2).joinToString(" ") } shouldBe
                published.map { "record $it" }
            pub.close()
            synchronized(reports) { reports.sum() } shouldBe pub.droppedCount
            subSocket.close()
        }
    }

    test("closing delivers what is queued within the linger time; publishing after close is a counted drop") {
        withTestContext { ctx ->
            val pub = LogPublisher.builder().bind("tcp://127.0.0.1:*").linger(Duration.ofSeconds(5)).build()
            val sub = LogSubscriber.connect(ctx, pub.boundEndpoints.single())
            joinByProbing(sub, { pub.publish(LogLevel.INFO, "probe") }, { pub.publish(LogLevel.INFO, "fence") })
            repeat(500) { pub.publish(LogLevel.INFO, "r$it") shouldBe true }
            pub.close()
            pub.isClosed shouldBe true
            sub.receiveMany(500).map { it.text } shouldBe (0 until 500).map { "r$it" }
            pub.publish(LogLevel.INFO, "late") shouldBe false
            pub.droppedCount shouldBe 1
            sub.close()
        }
    }

    test("a socket given to the publisher stays the caller's") {
        withTestContext { ctx ->
            val pubSocket = ctx.socket(SocketType.PUB)
            val endpoint = pubSocket.bind("tcp://127.0.0.1:*")
            val sub = LogSubscriber.connect(ctx, endpoint)
            LogPublisher.builder().socket(pubSocket).rootTopic("own").build().use { pub ->
                joinByProbing(sub, { pub.publish(LogLevel.INFO, "probe") }, { pub.publish(LogLevel.INFO, "fence") })
                pub.publish(LogLevel.INFO, "hello")
                within { sub.receive() }.topic shouldBe "own.INFO"
            }
            pubSocket.isClosed shouldBe false
            sub.close()
        }
    }

    test("a builder needs one place to publish") {
        shouldThrow<IllegalStateException> { LogPublisher.builder().build() }
        shouldThrow<IllegalArgumentException> { LogPublisher.builder().sendHighWaterMark(-1) }
        shouldThrow<dev.zmqkt.InvalidEndpointException> { LogPublisher.builder().bind("tcp://nonsense").build() }
    }
})
