package dev.zmqkt.internal.session

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.read.ListAppender
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import org.slf4j.LoggerFactory
import java.io.IOException
import java.net.ConnectException
import java.net.UnknownHostException

/** What a connecting session says about why it is not connected: the last reason, and what it logs. */
class ConnectFailuresTest : FunSpec({
    val endpoint = "tcp://db.example.invalid:5555"

    /** Runs [block] with the session logger at DEBUG; returns the (level, message) lines logged for [endpoint]. */
    fun logged(block: () -> Unit): List<Pair<Level, String>> {
        val logger = LoggerFactory.getLogger(ConnectSession::class.java) as Logger
        val appender = ListAppender<ILoggingEvent>().apply { start() }
        val oldLevel = logger.level
        logger.addAppender(appender)
        logger.level = Level.DEBUG
        try {
            block()
        } finally {
            logger.detachAppender(appender)
            logger.level = oldLevel
        }
        return synchronized(appender) { appender.list.toList() }
            .filter { it.formattedMessage.contains(endpoint) }
            .map { it.level to it.formattedMessage }
    }

    test("no reason before any attempt") {
        ConnectFailures(endpoint).lastReason.shouldBeNull()
    }

    test("the reason names the exception, or says the host does not resolve") {
        val failures = ConnectFailures(endpoint)
        failures.attemptFailed(ConnectException("Connection refused"))
        failures.lastReason shouldBe "ConnectException: Connection refused"
        failures.attemptFailed(UnknownHostException("db.example.invalid"))
        failures.lastReason shouldBe "cannot resolve host db.example.invalid"
        failures.attemptFailed(IOException())
        failures.lastReason shouldBe "IOException"
    }

    test("connecting clears the reason; a lost connection sets it") {
        val failures = ConnectFailures(endpoint)
        failures.attemptFailed(ConnectException("Connection refused"))
        failures.connected()
        failures.lastReason.shouldBeNull()
        failures.connectionEnded("connection closed by peer")
        failures.lastReason shouldBe "connection closed by peer"
    }

    test("refused connects are logged at DEBUG only, each time") {
        val lines = logged {
            val failures = ConnectFailures(endpoint)
            repeat(3) { failures.attemptFailed(ConnectException("Connection refused")) }
        }
        lines.map { it.first } shouldBe listOf(Level.DEBUG, Level.DEBUG, Level.DEBUG)
    }

    test("an unresolved host is logged at WARN once, then at DEBUG, and again after a connection in between") {
        val lines = logged {
            val failures = ConnectFailures(endpoint)
            repeat(3) { failures.attemptFailed(UnknownHostException("db.example.invalid")) }
            failures.connectionEnded("closed") // a lost connection alone does not re-arm the warning
            failures.attemptFailed(UnknownHostException("db.example.invalid"))
            failures.connected()
            repeat(2) { failures.attemptFailed(UnknownHostException("db.example.invalid")) }
        }
        lines.map { it.first } shouldBe listOf(
            Level.WARN, Level.DEBUG, Level.DEBUG, Level.DEBUG, // first run of failures
            Level.WARN, Level.DEBUG, // after connecting once
        )
        lines.all { it.second.contains("cannot resolve host db.example.invalid") } shouldBe true
    }

    test("each session warns for itself") {
        val lines = logged {
            ConnectFailures(endpoint).attemptFailed(UnknownHostException("db.example.invalid"))
            ConnectFailures(endpoint).attemptFailed(UnknownHostException("db.example.invalid"))
        }
        lines.map { it.first } shouldBe listOf(Level.WARN, Level.WARN)
    }
})
