package dev.zmqkt.bench.log

import java.io.File
import java.util.concurrent.TimeUnit

/** Runs the log-publishing load case ([main] in LogLoad.kt) as a separate JVM and returns its report. */
object LogLoadCases {
    private val java = File(System.getProperty("java.home"), "bin/java").path
    private val classpath = System.getProperty("java.class.path")

    /** [records] records from [threads] threads, with [subscriber] `none`, `slow` or `fast`. */
    fun run(records: Int, threads: Int, subscriber: String): Map<String, String> {
        val process = ProcessBuilder(
            java, "-Xms1g", "-Xmx1g", "-XX:+UseParallelGC", "-cp", classpath, "dev.zmqkt.bench.log.LogLoadKt",
            "$records", "$threads", subscriber,
        ).redirectError(ProcessBuilder.Redirect.INHERIT).start()
        try {
            val line = process.inputStream.bufferedReader().readLine() ?: error("log load case gave no result")
            check(process.waitFor(300, TimeUnit.SECONDS)) { "log load case did not finish" }
            return line.trim().split(' ').associate { it.substringBefore('=') to it.substringAfter('=') }
        } finally {
            process.destroyForcibly()
        }
    }
}
