package dev.zmqkt.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import java.io.File

/** The devices samples run, and the README shows them as they are. */
class DevicesDemoTest : FunSpec({
    test("the Kotlin broker and forwarder print what their peers received") {
        devicesDemo() shouldBe listOf("hello, broker", "[weather, sunny]")
    }

    test("the Java broker and forwarder print what their peers received") {
        JavaDevices.run() shouldBe listOf("hello, broker", "[weather, sunny]")
    }

    /** The block of [file] between `// readme:<name>` and `// readme:end`, without the common indentation. */
    fun block(file: String, name: String): String {
        val lines = File(file).readLines()
        val start = lines.indexOfFirst { it.trim() == "// readme:$name" }
        check(start >= 0) { "no block $name in $file" }
        val body = lines.subList(start + 1, lines.size).takeWhile { it.trim() != "// readme:end" }
        return body.joinToString("\n").trimIndent()
    }

    test("the README's devices examples are these samples, verbatim") {
        val readme = File("../README.md").readText()
        val kotlin = "src/main/kotlin/dev/zmqkt/samples/DevicesDemo.kt"
        val java = "src/main/java/dev/zmqkt/samples/JavaDevices.java"
        for ((file, name) in listOf(kotlin to "kotlin-broker", kotlin to "kotlin-forwarder", java to "java-broker", java to "java-forwarder")) {
            readme shouldContain block(file, name)
        }
    }
})
