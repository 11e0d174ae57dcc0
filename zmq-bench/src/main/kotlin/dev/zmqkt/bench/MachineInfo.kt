package dev.zmqkt.bench

import java.io.File

/**
 * A one-line description of the machine and JVM a benchmark ran on, for the heading of `results.md`: numbers
 * from this shared, noisy kind of machine only mean something next to what they were measured on.
 *
 * Example: `Intel(R) Xeon(R) CPU @ 2.20GHz, 2 cores, Debian GNU/Linux 12 (bookworm), Linux 6.1.0-30-amd64 amd64,
 * OpenJDK 64-Bit Server VM 17.0.13+11-Debian-2 (Debian)`.
 */
internal object MachineInfo {
    /** CPU model, the number of cores the JVM may use, operating system, and JVM. */
    fun describe(): String =
        listOf(cpuModel(), "${Runtime.getRuntime().availableProcessors()} cores", os(), jvm()).joinToString(", ")

    /** The `model name` in `/proc/cpuinfo`, or the architecture where there is none (other systems, some ARMs). */
    private fun cpuModel(): String =
        firstValue(File("/proc/cpuinfo"), "model name", ':') ?: "unknown CPU (${System.getProperty("os.arch")})"

    private fun os(): String {
        val kernel = "${System.getProperty("os.name")} ${System.getProperty("os.version")} ${System.getProperty("os.arch")}"
        val distribution = firstValue(File("/etc/os-release"), "PRETTY_NAME", '=')?.trim('"')
        return if (distribution == null) kernel else "$distribution, $kernel"
    }

    private fun jvm(): String =
        "${System.getProperty("java.vm.name")} ${System.getProperty("java.runtime.version")} (${System.getProperty("java.vendor")})"

    /** The value after [separator] on the first line of [file] that starts with [key]; null if there is none. */
    private fun firstValue(file: File, key: String, separator: Char): String? = try {
        file.useLines { lines ->
            lines.firstOrNull { it.startsWith(key) }?.substringAfter(separator)?.trim()?.takeIf { it.isNotEmpty() }
        }
    } catch (_: java.io.IOException) {
        null
    }
}
