package dev.zmqkt.log

import dev.zmqkt.Message
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** Topics built and read back as pyzmq's PUBHandler and `python -m zmq.log` do. */
class LogTopicsTest : FunSpec({
    test("a topic is root.LEVEL.subtopic, leaving out an empty root and a missing subtopic") {
        LogTopics.topic("app", "INFO", null) shouldBe "app.INFO"
        LogTopics.topic("app", "WARNING", "db.pool") shouldBe "app.WARNING.db.pool"
        LogTopics.topic("", "ERROR", "") shouldBe "ERROR"
        LogTopics.topic("", "ERROR", "x") shouldBe "ERROR.x"
    }

    test("the subtopic is cut at the first '::', as pyzmq cuts record.msg") {
        val split = LogTopics.split("db.pool::slow :: really")!!
        split.subtopic shouldBe "db.pool"
        split.rest shouldBe "slow :: really"
        LogTopics.split("no delimiter") shouldBe null
        LogTopics.split("::only text")!!.subtopic shouldBe ""
    }

    test("an entry is parsed with a known root topic") {
        val e = LogEntry.parse(Message.of("my.app.WARNING.db.pool", "slow\n"), rootTopic = "my.app")
        e.rootTopic shouldBe "my.app"
        e.levelName shouldBe "WARNING"
        e.level shouldBe LogLevel.WARNING
        e.subtopic shouldBe "db.pool"
        e.text shouldBe "slow\n"
        LogEntry.parse(Message.of("INFO", "x"), rootTopic = "").level shouldBe LogLevel.INFO
        shouldThrow<IllegalArgumentException> { LogEntry.parse(Message.of("other.INFO", "x"), rootTopic = "app") }
    }

    test("without a root topic, the level is the first part that names a level") {
        val e = LogEntry.parse(Message.of("my.app.ERROR.disk", "full"))
        e.rootTopic shouldBe "my.app"
        e.level shouldBe LogLevel.ERROR
        e.subtopic shouldBe "disk"
        LogEntry.parse(Message.of("CRITICAL", "x")).rootTopic shouldBe ""
        // no level name: the second part, as python -m zmq.log reads it
        val custom = LogEntry.parse(Message.of("app.Level 5.sub", "x"))
        custom.levelName shouldBe "Level 5"
        custom.level shouldBe null
        custom.subtopic shouldBe "sub"
    }

    test("a message that is not [topic, text] is refused") {
        shouldThrow<IllegalArgumentException> { LogEntry.parse(Message.of("just one")) }
    }

    test("level names: Python's, with its aliases") {
        LogLevel.entries.map { it.topicName } shouldBe listOf("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        LogLevel.fromTopicName("WARN") shouldBe LogLevel.WARNING
        LogLevel.fromTopicName("FATAL") shouldBe LogLevel.CRITICAL
        LogLevel.fromTopicName("TRACE") shouldBe null
    }
})
