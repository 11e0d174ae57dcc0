package dev.zmqkt.log

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.io.File
import java.util.concurrent.LinkedBlockingQueue
import java.util.concurrent.TimeUnit

/** LogTail, the runnable `main` that prints records like `python -m zmq.log`. */
class LogTailTest : FunSpec({
    test("options") {
        val o = LogTailOptions.parse(arrayOf("tcp://h:1", "-t", "a.ERROR", "--topic", "a.CRITICAL", "--root", "a", "--count", "3"))
        o.endpoint shouldBe "tcp://h:1"
        o.topics shouldBe listOf("a.ERROR", "a.CRITICAL")
        o.rootTopic shouldBe "a"
        o.count shouldBe 3
        o.separator shouldBe " | "
        LogTailOptions.parse(arrayOf("tcp://h:1")).topics shouldBe listOf("")
        shouldThrow<IllegalArgumentException> { LogTailOptions.parse(arrayOf()) }
        shouldThrow<IllegalArgumentException> { LogTailOptions.parse(arrayOf("tcp://h:1", "--count", "0")) }
        shouldThrow<IllegalArgumentException> { LogTailOptions.parse(arrayOf("tcp://h:1", "--bogus")) }
    }

    test("the main runs as its own program, prints the records of the topics asked for, and exits after --count") {
        LogPublisher.builder().bind("tcp://127.0.0.1:*").rootTopic("app").build().use { pub ->
            val java = File(System.getProperty("java.home"), "bin/java").path
            val process = ProcessBuilder(
                java, "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp", System.getProperty("java.class.path"), "dev.zmqkt.log.LogTail",
                pub.boundEndpoints.single(), "--topic", "app.WARNING", "--count", "3",
            ).redirectError(ProcessBuilder.Redirect.INHERIT).start()
            val lines = LinkedBlockingQueue<String>()
            Thread { process.inputReader().lineSequence().forEach { lines.put(it) } }.apply { isDaemon = true }.start()
            try {
                // publish until the program has joined and printed a record, then two more it must print
                var first: String? = null
                val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60)
                while (first == null && System.nanoTime() < deadline) {
                    pub.publish(LogLevel.INFO, "not asked for")
                    pub.publish(LogLevel.WARNING, "db", "probe")
                    first = lines.poll(20, TimeUnit.MILLISECONDS)
                }
                first shouldBe "app.WARNING.db | probe"
                pub.publish(LogLevel.ERROR, "not asked for")
                pub.publish(LogLevel.WARNING, "last")
                pub.publish(LogLevel.WARNING, "last")
                process.waitFor(30, TimeUnit.SECONDS) shouldBe true
                process.exitValue() shouldBe 0
                // probes sent before the first line arrived may come first; the count ends the program
                lines.toList().all { it == "app.WARNING.db | probe" || it == "app.WARNING | last" } shouldBe true
            } finally {
                process.destroyForcibly()
            }
        }
    }
})
