package dev.zmqkt.log.jul

import dev.zmqkt.log.LogLevel
import dev.zmqkt.log.LogPublisher
import dev.zmqkt.log.LogSubscriber
import dev.zmqkt.log.support.joinByProbing
import dev.zmqkt.log.support.receiveMany
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import java.util.logging.Level
import java.util.logging.LogManager
import java.util.logging.Logger

private val nl = System.lineSeparator()

/** A level above SEVERE, as some applications define (FATAL). */
private class Fatal : Level("FATAL", 1100)

private fun julLogger(name: String, handler: ZmqLogHandler): Logger = Logger.getLogger(name).apply {
    useParentHandlers = false
    handlers.forEach { removeHandler(it) }
    addHandler(handler)
    level = Level.ALL
}

class ZmqLogHandlerTest : FunSpec({
    test("levels, :: subtopics, parameters, throwables and the default formats") {
        val handler = ZmqLogHandler(LogPublisher.builder().bind("tcp://127.0.0.1:*").rootTopic("jul").build())
        val log = julLogger("julapp.orders", handler)
        try {
            withTestContext { ctx ->
                LogSubscriber.connect(ctx, handler.boundEndpoints.single(), rootTopic = "jul").use { sub ->
                    joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                    log.info("hello")
                    log.warning("db::slow")
                    log.log(Level.SEVERE, "failed", IllegalStateException("boom").apply { stackTrace = emptyArray() })
                    log.fine("fine")
                    log.finest("finest")
                    log.config("config")
                    log.log(Fatal(), "disk::full")
                    log.log(Level.INFO, "x.y::value {0}", 42)
                    Logger.getLogger("dev.zmqkt.internal.Engine").apply { addHandler(handler) }.warning("zmq-kt itself")
                    log.info("last")
                    sub.receiveMany(9).map { it.topic to it.text } shouldContainExactly listOf(
                        "jul.INFO" to "hello$nl",
                        "jul.WARNING.db" to "WARNING julapp.orders - slow$nl",
                        "jul.ERROR" to "ERROR julapp.orders - failed${nl}java.lang.IllegalStateException: boom$nl$nl",
                        "jul.DEBUG" to "DEBUG julapp.orders - fine$nl",
                        "jul.DEBUG" to "DEBUG julapp.orders - finest$nl",
                        "jul.INFO" to "config$nl",
                        "jul.CRITICAL.disk" to "CRITICAL julapp.orders - full$nl",
                        "jul.INFO.x.y" to "value 42$nl",
                        "jul.INFO" to "last$nl",
                    )
                    handler.setFormat(LogLevel.INFO, "[%4\$s] %5\$s")
                    log.info("formatted")
                    sub.receive().text shouldBe "[INFO] formatted"
                }
            }
        } finally {
            handler.close()
        }
    }

    test("configured from logging.properties") {
        val properties = """
            dev.zmqkt.log.jul.ZmqLogHandler.bind = tcp://127.0.0.1:*
            dev.zmqkt.log.jul.ZmqLogHandler.rootTopic = props
            dev.zmqkt.log.jul.ZmqLogHandler.level = INFO
            dev.zmqkt.log.jul.ZmqLogHandler.linger = 3000
            dev.zmqkt.log.jul.ZmqLogHandler.format.WARNING = %4${'$'}s|%3${'$'}s|%5${'$'}s
        """.trimIndent()
        LogManager.getLogManager().readConfiguration(properties.byteInputStream())
        val handler = try {
            ZmqLogHandler()
        } finally {
            LogManager.getLogManager().reset()
        }
        handler.level shouldBe Level.INFO
        val log = julLogger("propsapp", handler)
        try {
            withTestContext { ctx ->
                LogSubscriber.connect(ctx, handler.boundEndpoints.single()).use { sub ->
                    joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                    log.fine("below the handler's level")
                    log.warning("w")
                    sub.receive().let { it.topic to it.text } shouldBe ("props.WARNING" to "WARNING|propsapp|w")
                }
            }
        } finally {
            handler.close()
        }
    }

    test("without bind or connect in the configuration the handler cannot be made") {
        LogManager.getLogManager().reset()
        shouldThrow<IllegalStateException> { ZmqLogHandler() }.message shouldBe
            "dev.zmqkt.log.jul.ZmqLogHandler: set dev.zmqkt.log.jul.ZmqLogHandler.bind or " +
            "dev.zmqkt.log.jul.ZmqLogHandler.connect in the logging configuration"
    }

    test("close delivers what is queued") {
        val handler = ZmqLogHandler(LogPublisher.builder().bind("tcp://127.0.0.1:*").build())
        val log = julLogger("julclose", handler)
        withTestContext { ctx ->
            LogSubscriber.connect(ctx, handler.boundEndpoints.single()).use { sub ->
                joinByProbing(sub, { log.info("probe") }, { log.info("fence") })
                repeat(300) { log.info("r$it") }
                handler.close()
                sub.receiveMany(300).map { it.text.trim() } shouldBe (0 until 300).map { "r$it" }
            }
        }
    }
})
