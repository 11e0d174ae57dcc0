package dev.zmqkt.internal.session

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.read.ListAppender
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.flow.take
import kotlinx.coroutines.flow.toList
import org.slf4j.LoggerFactory
import java.time.Duration

/** A host name that does not resolve (RFC 2606 `.invalid`) is reported, and retried with backoff as libzmq does. */
class UnresolvedHostTest : FunSpec({
    test("each failed attempt gives a CONNECT_RETRIED event with the reason and a DEBUG line; WARN only once") {
        val logger = LoggerFactory.getLogger(ConnectSession::class.java) as Logger
        val appender = ListAppender<ILoggingEvent>().apply { start() }
        val oldLevel = logger.level
        logger.addAppender(appender)
        logger.level = Level.DEBUG
        try {
            withTestContext { ctx ->
                val push = ctx.socket(SocketType.PUSH).apply {
                    reconnectInterval = Duration.ofMillis(20)
                    reconnectIntervalMax = Duration.ofMillis(40)
                }
                val retries = push.monitor(SocketEventType.CONNECT_RETRIED)
                push.connect("tcp://no-such-host.invalid:5555") // accepted: resolving happens per attempt
                val events = within { retries.take(4).toList() }
                for (e in events) {
                    e.endpoint shouldBe "tcp://no-such-host.invalid:5555"
                    e.reason!! shouldContain "cannot resolve host no-such-host.invalid"
                }
                events[0].value shouldBeInRange 20L..39L
                events[3].value shouldBeInRange 40L..59L // backing off, still trying
            }
            val lines = synchronized(appender) { appender.list.toList() }
                .filter { it.formattedMessage.contains("no-such-host.invalid") }
            lines.filter { it.level == Level.WARN } shouldHaveSize 1
            (lines.count { it.level == Level.DEBUG } >= 3) shouldBe true
            lines.none { it.level == Level.ERROR || it.level == Level.INFO } shouldBe true
        } finally {
            logger.detachAppender(appender)
            logger.level = oldLevel
        }
    }
})
