package dev.zmqkt.log.interop

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.LoggerContext
import ch.qos.logback.classic.util.LogbackMDCAdapter
import dev.zmqkt.log.LogLevel
import dev.zmqkt.log.LogPublisher
import dev.zmqkt.log.LogSubscriber
import dev.zmqkt.log.LogTailOptions
import dev.zmqkt.log.ZmqLogMarkers
import dev.zmqkt.log.jul.ZmqLogHandler
import dev.zmqkt.log.logback.ZmqAppender
import dev.zmqkt.log.support.PyLogPeer
import dev.zmqkt.log.support.receiveMany
import dev.zmqkt.log.tail
import dev.zmqkt.support.Peers
import dev.zmqkt.support.io
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.slf4j.MarkerFactory
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import java.util.logging.Logger

private fun JsonElement.frames(): List<String> = jsonArray.map { it.jsonPrimitive.content }

/**
 * Reads what a pyzmq SUB peer prints until it has seen a probe: [probe] publishes one record whose text
 * contains "probe". Then [fence] publishes one whose text contains "fence", and everything up to it is dropped,
 * so the lines that follow are the test's records.
 */
private fun joinPython(peer: PyLogPeer, probe: () -> Unit, fence: () -> Unit) {
    peer.next().jsonObject["ready"]!!.jsonPrimitive.content shouldBe "true"
    val deadline = System.nanoTime() + 20_000_000_000L
    var seen = false
    while (!seen) {
        check(System.nanoTime() < deadline) { "the pyzmq subscriber never received a probe" }
        probe()
        // the peer prints each record as it receives it: wait for one line a little, then probe again
        seen = generateSequence { peer.poll() }.any { "probe" in it.frames()[1] } ||
            peer.nextOrNull(20)?.let { "probe" in it.frames()[1] } == true
    }
    fence()
    while ("fence" !in peer.next().frames()[1]) {
        // probes published before the fence
    }
}

private fun PyLogPeer.nextOrNull(timeoutMs: Long): JsonElement? = try {
    next(timeoutMs)
} catch (_: IllegalStateException) {
    null
}

/** zmq-log and pyzmq's zmq.log reading each other's records: topics and texts exact. */
class PyzmqLogInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    test("a pyzmq SUB reads the Logback appender's records exactly") {
        val lc = LoggerContext().apply { name = "interop"; mdcAdapter = LogbackMDCAdapter() }
        val appender = ZmqAppender().apply {
            context = lc
            name = "ZMQ"
            addBind("tcp://127.0.0.1:*")
            rootTopic = "svc"
            mdcKey = "tenant"
            start()
        }
        val log = lc.getLogger("svc.orders").apply { addAppender(appender); level = Level.TRACE; isAdditive = false }
        try {
            io {
                PyLogPeer.start("sub", appender.boundEndpoints.single()).use { py ->
                    joinPython(py, { log.info("probe") }, { log.info("fence") })
                    log.info("naïve ✓ {}", 1)
                    log.debug("debugging")
                    log.warn("db.pool::slow {}", "query")
                    log.error(MarkerFactory.getMarker("disk"), "full")
                    log.error("failed", IllegalStateException("boom").apply { stackTrace = emptyArray() })
                    log.error(ZmqLogMarkers.CRITICAL, "meltdown")
                    lc.mdcAdapter.put("tenant", "acme")
                    log.info("tenant record")
                    lc.mdcAdapter.remove("tenant")
                    List(7) { py.next().frames() } shouldContainExactly listOf(
                        listOf("svc.INFO", "naïve ✓ 1\n"),
                        listOf("svc.DEBUG", "DEBUG svc.orders - debugging\n"),
                        listOf("svc.WARNING.db.pool", "WARNING svc.orders - slow query\n"),
                        listOf("svc.ERROR.disk", "ERROR svc.orders - full\n"),
                        listOf("svc.ERROR", "ERROR svc.orders - failed\njava.lang.IllegalStateException: boom\n"),
                        listOf("svc.CRITICAL", "CRITICAL svc.orders - meltdown\n"),
                        listOf("svc.INFO.acme", "tenant record\n"),
                    )
                }
            }
        } finally {
            lc.stop()
        }
    }

    test("a pyzmq SUB subscribed to a topic prefix gets only those records from the java.util.logging handler") {
        val handler = ZmqLogHandler(LogPublisher.builder().bind("tcp://127.0.0.1:*").rootTopic("jul").build())
        val log = Logger.getLogger("interop.jul").apply { useParentHandlers = false; addHandler(handler) }
        try {
            io {
                PyLogPeer.start("sub", handler.boundEndpoints.single(), "jul.WARNING").use { py ->
                    joinPython(py, { log.warning("probe") }, { log.warning("fence") })
                    log.info("not for this subscriber")
                    log.severe("nor this")
                    log.warning("db::slow")
                    py.next().frames() shouldBe listOf("jul.WARNING.db", "WARNING interop.jul - slow\n")
                }
            }
        } finally {
            handler.close()
        }
    }

    test("the zmq-kt subscriber reads a pyzmq PUBHandler's records exactly") {
        withTestContext { ctx ->
            io { PyLogPeer.start("pub", "pyroot") }.use { py ->
                val endpoint = io { py.next() }.jsonObject["endpoint"]!!.jsonPrimitive.content
                LogSubscriber.connect(ctx, endpoint, rootTopic = "pyroot").use { sub ->
                    // the peer's XPUB waits for this subscription before logging
                    val received = sub.receiveMany(5)
                    val sent = (io { py.next() }.jsonObject["sent"] as JsonArray).map { it.frames() }
                    sent.map { it[0] } shouldBe listOf(
                        "pyroot.DEBUG", "pyroot.INFO", "pyroot.WARNING.db.pool", "pyroot.ERROR", "pyroot.CRITICAL.disk",
                    )
                    received.map { listOf(it.topic, it.text) } shouldBe sent
                    received.map { it.level } shouldBe LogLevel.entries
                    received.map { it.subtopic } shouldBe listOf("", "", "db.pool", "", "disk")
                    received[1].text shouldBe "plain info ✓\n"
                    received[2].text.endsWith(" - slow query\n") shouldBe true
                    received[3].text.contains("ZeroDivisionError") shouldBe true
                }
            }
        }
    }

    test("LogTail prints a pyzmq PUBHandler's records as python -m zmq.log does") {
        withTestContext { ctx ->
            io { PyLogPeer.start("pub", "pyroot") }.use { py ->
                val endpoint = io { py.next() }.jsonObject["endpoint"]!!.jsonPrimitive.content
                val out = ByteArrayOutputStream()
                io { tail(ctx, LogTailOptions.parse(arrayOf(endpoint, "--count", "5")), PrintStream(out, true, "UTF-8")) }
                // one line per record, except the traceback of the exception, which goes on over several
                val lines = out.toString(Charsets.UTF_8).lines().filter { it.startsWith("pyroot.") }
                lines.map { it.substringBefore(" | ") } shouldBe listOf(
                    "pyroot.DEBUG", "pyroot.INFO", "pyroot.WARNING.db.pool", "pyroot.ERROR", "pyroot.CRITICAL.disk",
                )
                lines[0] shouldBe "pyroot.DEBUG | " + lines[0].substringAfter(" | ")
                lines[1] shouldBe "pyroot.INFO | plain info ✓"
                lines[2].startsWith("pyroot.WARNING.db.pool | WARNING ") shouldBe true
            }
        }
    }
})
