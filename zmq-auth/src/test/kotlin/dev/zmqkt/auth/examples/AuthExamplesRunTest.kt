package dev.zmqkt.auth.examples

import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import java.io.File
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit

/**
 * README's security examples (CURVE with an Authenticator and a certificate directory, in Kotlin and in Java) are
 * the ones kept here, and each runs to completion as a program of its own.
 */
class AuthExamplesRunTest : FunSpec({
    val moduleDir = File(System.getProperty("user.dir"))
    val readme = File(moduleDir, "../README.md").readText()
    val section = readme.substringAfter("## Security: CURVE, the Authenticator and certificates")

    /** Runs [mainClass] in a JVM of its own; returns its output, failing if it has not ended within 60 s. */
    fun run(mainClass: String): String {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), mainClass).redirectErrorStream(true).start()
        val output = CompletableFuture.supplyAsync { process.inputStream.bufferedReader().readText() }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            error("$mainClass did not end within 60 s")
        }
        val text = output.get(10, TimeUnit.SECONDS)
        withClue(text) { process.exitValue() shouldBe 0 }
        return text
    }

    test("README's Kotlin CURVE example is the one run here, and it runs to completion") {
        val documented = section.substringAfter("```kotlin\n").substringBefore("```").trim()
        val source = File(moduleDir, "src/test/kotlin/dev/zmqkt/auth/examples/readmecurve/ReadmeCurveExample.kt").readLines()
        documented shouldBe source.drop(2).joinToString("\n").trim()
        withContext(Dispatchers.IO) { run("dev.zmqkt.auth.examples.readmecurve.ReadmeCurveExampleKt") } shouldContain
            "[hello] from client.key\n[welcome]"
    }

    test("README's Java CURVE example is the one run here, and it runs to completion") {
        val documented = section.substringAfter("```java\n").substringBefore("```").trimEnd()
        val source = File(moduleDir, "src/test/java/dev/zmqkt/auth/examples/ReadmeCurveJavaExample.java").readText()
        val kept = source.substringAfter("// README begin\n").substringBefore("        // README end").trimEnd()
        documented shouldBe kept.lines().joinToString("\n") { it.removePrefix("        ") }
        withContext(Dispatchers.IO) { run("dev.zmqkt.auth.examples.ReadmeCurveJavaExample") } shouldContain
            "[hello] from client: true, reply [welcome]"
    }
})
