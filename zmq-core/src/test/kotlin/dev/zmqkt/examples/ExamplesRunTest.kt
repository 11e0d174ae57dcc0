package dev.zmqkt.examples

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotStartWith
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withContext
import java.io.File
import java.util.concurrent.CompletableFuture
import java.util.concurrent.TimeUnit
import kotlin.coroutines.Continuation
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.coroutines.startCoroutine

/**
 * The Kotlin examples users copy first (README's, and the one in Context's KDoc) run to completion as written:
 * each lives in a test source file that must match the documented text, and runs as its own program. A
 * `suspend fun main` has no dispatcher, so this is also where zmq-kt must not resume user code on its I/O thread.
 */
class ExamplesRunTest : FunSpec({
    val moduleDir = File(System.getProperty("user.dir"))

    /** The lines of [file] after its package line, without the blank line that follows it. */
    fun exampleBody(file: String): String =
        File(moduleDir, "src/test/kotlin/dev/zmqkt/examples/$file").readLines().drop(2).joinToString("\n").trim()

    /** Runs [mainClass] in a JVM of its own; returns its output, failing if it has not ended within 60 s. */
    fun run(mainClass: String): String {
        val java = File(System.getProperty("java.home"), "bin/java").path
        val process = ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), mainClass)
            .redirectErrorStream(true).start()
        val output = CompletableFuture.supplyAsync { process.inputStream.bufferedReader().readText() }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly()
            error("$mainClass did not end within 60 s (it hangs); output so far is lost")
        }
        val text = output.get(10, TimeUnit.SECONDS)
        withClue(text) { process.exitValue() shouldBe 0 }
        return text
    }

    test("README's Kotlin example is the one run here, and it runs to completion") {
        val readme = File(moduleDir, "../README.md").readText()
        val section = readme.substringAfter("## Use it from Kotlin").substringAfter("```kotlin\n").substringBefore("```")
        section.trim() shouldBe exampleBody("readme/ReadmeKotlinExample.kt")
        withContext(Dispatchers.IO) { run("dev.zmqkt.examples.readme.ReadmeKotlinExampleKt") } shouldContain "[hello, world]"
    }

    test("README's PLAIN example is the one run here, and it runs to completion") {
        val readme = File(moduleDir, "../README.md").readText()
        val section = readme.substringAfter("### Security: PLAIN, ZAP and connection metadata").substringAfter("```kotlin\n").substringBefore("```")
        section.trim() shouldBe exampleBody("readmeplain/ReadmePlainExample.kt")
        withContext(Dispatchers.IO) { run("dev.zmqkt.examples.readmeplain.ReadmePlainExampleKt") } shouldContain "[hello] from admin"
    }

    test("Context's KDoc example is the one run here, and it runs to completion") {
        val source = File(moduleDir, "src/main/kotlin/dev/zmqkt/Context.kt").readText()
        val block = source.substringAfter("```kotlin\n").substringBefore(" * ```")
        val documented = block.lines().joinToString("\n") { it.removePrefix(" * ").removePrefix(" *") }.trim()
        // The KDoc leaves out the import, as KDoc examples do.
        documented shouldBe exampleBody("contextdoc/ContextDocExample.kt").substringAfter("import dev.zmqkt.*").trim()
        withContext(Dispatchers.IO) { run("dev.zmqkt.examples.contextdoc.ContextDocExampleKt") } shouldContain "[ping]"
    }

    /** Runs [block] as `suspend fun main` would: a coroutine with no dispatcher; returns its result. */
    fun <T> runWithoutDispatcher(block: suspend () -> T): T {
        val result = CompletableFuture<T>()
        block.startCoroutine(Continuation(EmptyCoroutineContext) { r -> r.fold(result::complete, result::completeExceptionally) })
        return result.get(30, TimeUnit.SECONDS)
    }

    for ((name, wrap) in listOf<Pair<String, (suspend () -> String) -> String>>(
        "no dispatcher" to { block -> runWithoutDispatcher(block) },
        "Dispatchers.Unconfined" to { block -> runWithoutDispatcher { withContext(Dispatchers.Unconfined) { block() } } },
    )) {
        test("$name: code after receive() and after a monitor event does not run on zmq-kt's I/O thread") {
            val threads = withContext(Dispatchers.IO) {
                wrap {
                    Context().use { ctx ->
                        val pull = ctx.socket(SocketType.PULL)
                        val accepted = pull.monitor(SocketEventType.ACCEPTED)
                        val push = ctx.socket(SocketType.PUSH)
                        push.connect(pull.bind("tcp://127.0.0.1:*"))
                        accepted.first()
                        val afterEvent = Thread.currentThread().name
                        push.send(Message.of("hello"))
                        pull.receive()
                        val afterReceive = Thread.currentThread().name
                        ctx.terminate(java.time.Duration.ZERO)
                        "$afterEvent|$afterReceive"
                    }
                }
            }
            for (thread in threads.split("|")) thread shouldNotStartWith "zmq-kt-selector"
        }
    }
})
