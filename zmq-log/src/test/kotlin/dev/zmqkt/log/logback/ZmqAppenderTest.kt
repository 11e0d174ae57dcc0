package dev.zmqkt.log.logback

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.LoggerContext
import ch.qos.logback.classic.joran.JoranConfigurator
import ch.qos.logback.classic.util.LogbackMDCAdapter
import ch.qos.logback.core.status.Status
import dev.zmqkt.log.LogSubscriber
import dev.zmqkt.log.ZmqLogMarkers
import dev.zmqkt.log.support.joinByProbing
import dev.zmqkt.log.support.receiveMany
import dev.zmqkt.support.withTestContext
import dev.zmqkt.support.within
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.longs.shouldBeGreaterThanOrEqual
import io.kotest.matchers.shouldBe
import org.slf4j.MarkerFactory
import java.util.concurrent.atomic.AtomicInteger

/** A new Logback context with a started [ZmqAppender] bound on a loopback port, on logger `app.orders`. */
private fun appenderContext(configure: ZmqAppender.() -> Unit = {}): Pair<LoggerContext, ZmqAppender> {
    val lc = newLoggerContext("zmq-appender-test-${counter.incrementAndGet()}")
    val appender = ZmqAppender().apply {
        context = lc
        name = "ZMQ"
        addBind("tcp://127.0.0.1:*")
        rootTopic = "app"
        configure()
        start()
    }
    lc.getLogger("app.orders").apply {
        addAppender(appender)
        level = Level.TRACE
        isAdditive = false
    }
    return lc to appender
}

private val counter = AtomicInteger()

/** A Logback context of its own, with the MDC adapter SLF4J's initialisation would give it. */
private fun newLoggerContext(name: String) = LoggerContext().apply {
    this.name = name
    mdcAdapter = LogbackMDCAdapter()
}

/** A throwable without stack frames, so that `%ex` prints one known line. */
private fun boom() = IllegalStateException("boom").apply { stackTrace = emptyArray() }

class ZmqAppenderTest : FunSpec({
    test("levels, subtopics (::, marker, MDC) and the default patterns") {
        val (lc, appender) = appenderContext { mdcKey = "tenant" }
        val log = lc.getLogger("app.orders")
        try {
            withTestContext { ctx ->
                LogSubscriber.connect(ctx, appender.boundEndpoints.single(), rootTopic = "app").use { sub ->
                    joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                    log.info("hello {}", "world")
                    log.warn(MarkerFactory.getMarker("db.pool"), "slow")
                    log.error("disk::full {}", "sda")
                    log.error(ZmqLogMarkers.CRITICAL, "meltdown")
                    log.trace("fine detail")
                    log.debug("some debug")
                    lc.mdcAdapter.put("tenant", "acme")
                    log.info("with mdc")
                    log.info(MarkerFactory.getMarker("marker.wins"), "marker before mdc")
                    lc.mdcAdapter.remove("tenant")
                    log.error("failed", boom())
                    log.error(ZmqLogMarkers.FATAL, "fatal::also critical")
                    sub.receiveMany(10).map { it.topic to it.text } shouldContainExactly listOf(
                        "app.INFO" to "hello world\n",
                        "app.WARNING.db.pool" to "WARNING app.orders - slow\n",
                        "app.ERROR.disk" to "ERROR app.orders - full sda\n",
                        "app.CRITICAL" to "CRITICAL app.orders - meltdown\n",
                        "app.DEBUG" to "DEBUG app.orders - fine detail\n",
                        "app.DEBUG" to "DEBUG app.orders - some debug\n",
                        "app.INFO.acme" to "with mdc\n",
                        "app.INFO.marker.wins" to "marker before mdc\n",
                        "app.ERROR" to "ERROR app.orders - failed\njava.lang.IllegalStateException: boom\n",
                        "app.CRITICAL.fatal" to "CRITICAL app.orders - also critical\n",
                    )
                    appender.publishedCount shouldBeGreaterThanOrEqual 12L
                    appender.droppedCount shouldBe 0
                }
            }
        } finally {
            lc.stop()
        }
    }

    test("zmq-kt's own records and records logged while publishing are never published") {
        val (lc, appender) = appenderContext()
        val log = lc.getLogger("app.orders")
        lc.getLogger("dev.zmqkt").apply { addAppender(appender); level = Level.TRACE }
        val recursive = object {
            override fun toString(): String {
                log.error("logged from inside the appender")
                return "value"
            }
        }
        try {
            withTestContext { ctx ->
                LogSubscriber.connect(ctx, appender.boundEndpoints.single()).use { sub ->
                    joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                    lc.getLogger("dev.zmqkt.internal.session.ConnectSession").warn("zmq-kt talking about itself")
                    log.info("outer {}", recursive)
                    log.info("last")
                    sub.receiveMany(2).map { it.text } shouldBe listOf("outer value\n", "last\n")
                }
            }
        } finally {
            lc.stop()
        }
    }

    test("configured from logback.xml") {
        val lc = newLoggerContext("zmq-appender-xml")
        JoranConfigurator().apply { context = lc }.doConfigure(javaClass.getResource("/logback-zmq.xml")!!)
        lc.statusManager.copyOfStatusList.filter { it.level >= Status.WARN }.map { it.toString() } shouldBe emptyList()
        val appender = lc.getLogger("xmlapp").getAppender("ZMQ") as ZmqAppender
        appender.isStarted shouldBe true
        appender.rootTopic shouldBe "xml"
        appender.sendHighWaterMark shouldBe 500
        appender.linger.milliseconds shouldBe 2000
        val log = lc.getLogger("xmlapp")
        try {
            withTestContext { ctx ->
                LogSubscriber.connect(ctx, appender.boundEndpoints.single(), rootTopic = "xml").use { sub ->
                    joinByProbing(sub, { log.info("probe") }, { log.info("fence") }, fenceText = "[INFO] fence")
                    log.warn("careful")
                    lc.mdcAdapter.put("tenant", "t1")
                    log.info("hi")
                    lc.mdcAdapter.remove("tenant")
                    log.trace("below the logger's level")
                    log.debug("d")
                    sub.receiveMany(3).map { it.topic to it.text } shouldContainExactly listOf(
                        "xml.WARNING" to "WARN|WARNING|xmlapp|careful",
                        "xml.INFO.t1" to "[INFO] hi\n",
                        "xml.DEBUG" to "DEBUG xmlapp - d\n",
                    )
                }
            }
        } finally {
            lc.stop()
        }
    }

    test("stopping the Logback context delivers the queued records within the linger time") {
        val (lc, appender) = appenderContext()
        val log = lc.getLogger("app.orders")
        withTestContext { ctx ->
            LogSubscriber.connect(ctx, appender.boundEndpoints.single()).use { sub ->
                joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                repeat(1000) { log.info("record {}", it) }
                lc.stop()
                appender.isStarted shouldBe false
                sub.receiveMany(1000).map { it.text } shouldBe (0 until 1000).map { "record $it\n" }
                val published = appender.publishedCount
                log.info("after stop") // not started: nothing happens
                appender.publishedCount shouldBe published
            }
        }
    }

    test("without an endpoint or socket the appender reports an error and does not start") {
        val lc = newLoggerContext("zmq-appender-bad")
        val appender = ZmqAppender().apply { context = lc; name = "bad"; start() }
        appender.isStarted shouldBe false
        lc.statusManager.copyOfStatusList.any { it.level == Status.ERROR && "nowhere to publish" in it.message } shouldBe true
        val taken = ZmqAppender().apply { context = lc; name = "bad2"; addBind("tcp://no-such-host.invalid:1"); start() }
        taken.isStarted shouldBe false
        within { lc.statusManager.copyOfStatusList.count { it.level == Status.ERROR } } shouldBe 2
    }
})
