package dev.zmqkt.bench.scale

import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Runs the scale cases as separate JVMs (so each measures only itself) and returns their report lines as
 * key/value maps. zmq-kt only: they report costs, not ratios.
 */
object ScaleCases {
    private val java = File(System.getProperty("java.home"), "bin/java").path
    private val classpath = System.getProperty("java.class.path")
    private val jvmFlags = listOf("-Xms2g", "-Xmx2g", "-XX:+UseParallelGC")

    /** [peers] DEALER peers on one ROUTER, each doing [rounds] request/reply exchanges. */
    fun manyPeers(peers: Int, rounds: Int): Map<String, String> {
        val server = start(ManyPeers::class.java, "server", "$peers", "$rounds")
        try {
            val serverOut = server.inputStream.bufferedReader()
            val ready = serverOut.readLine() ?: error("scale server did not start")
            check(ready.startsWith("ready ")) { "unexpected output: $ready" }
            val clients = start(ManyPeers::class.java, "clients", ready.substringAfter(' '), "$peers", "$rounds")
            try {
                val report = serverOut.readLine() ?: error("scale server gave no result")
                val clientReport = clients.inputStream.bufferedReader().readLine() ?: error("scale clients gave no result")
                // Both sides measured with every connection open: now let them go.
                server.outputStream.close()
                clients.outputStream.close()
                check(server.waitFor(120, TimeUnit.SECONDS)) { "scale server did not finish" }
                check(clients.waitFor(120, TimeUnit.SECONDS)) { "scale clients did not finish" }
                return parse(report) + parse(clientReport.removePrefix("done ")).mapKeys { "clients_${it.key}" }
            } finally {
                clients.destroyForcibly()
            }
        } finally {
            server.destroyForcibly()
        }
    }

    /** [cycles] connect, exchange, close cycles against one bound ROUTER. */
    fun connectCycles(cycles: Int): Map<String, String> {
        val process = start(ConnectCycles::class.java, "$cycles")
        try {
            val report = process.inputStream.bufferedReader().readLine() ?: error("connect cycles gave no result")
            check(process.waitFor(120, TimeUnit.SECONDS)) { "connect cycles did not finish" }
            return parse(report)
        } finally {
            process.destroyForcibly()
        }
    }

    /** One JSON line for a scale report: numbers stay numbers. */
    fun json(case: String, report: Map<String, String>): String =
        report.entries.joinToString(",", prefix = "{\"case\":\"$case\",\"impl\":\"zmq-kt\",", postfix = "}") { (k, v) ->
            "\"$k\":" + (v.toDoubleOrNull()?.let { v } ?: "\"$v\"")
        }

    private fun start(main: Class<*>, vararg args: String): Process =
        ProcessBuilder(listOf(java) + jvmFlags + listOf("-cp", classpath, main.name) + args)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start()

    private fun parse(line: String): Map<String, String> =
        line.trim().split(' ').associate { it.substringBefore('=') to it.substringAfter('=') }
}
