package dev.zmqkt.bench

import java.io.File
import java.time.Instant
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

/**
 * Writes what a benchmark run produced into one directory (the runner's `--out`, default `bench-results`):
 * - `results.jsonl`: the JSON lines the run printed, one per case and implementation ([Result.json]), and the
 *   scale cases' lines;
 * - `results.md`: one line saying when (UTC), on what machine ([MachineInfo]) and with which arguments, then
 *   the ratio table ([RatioTable.render]);
 * - the charts ([ChartWriter]): `throughput.png`, `latency.png`, `fanout.png`, each only if the run measured it.
 *
 * Files of the same name are replaced; charts the run did not produce are left as they were.
 *
 * ### Failures
 * The text files are written first, and a failure while drawing the charts is reported on stderr instead of
 * thrown, so a run of many minutes never loses its numbers to a missing font.
 */
internal object RunReport {
    private val timestamp = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC)

    /** Writes the report of a run with command-line [args] and [results] into [dir], creating it if needed. */
    fun write(dir: File, args: List<String>, results: List<Result>, scaleLines: List<String> = emptyList(), now: Instant = Instant.now()) {
        dir.mkdirs()
        check(dir.isDirectory) { "cannot create the output directory $dir" }
        File(dir, "results.jsonl").writeText((results.map { it.json() } + scaleLines).joinToString("") { it + "\n" })
        val scale = if (scaleLines.isEmpty()) "" else "\nScale (zmq-kt only):\n\n" + scaleLines.joinToString("") { "    $it\n" }
        File(dir, "results.md").writeText(heading(now, args) + "\n\n" + RatioTable.render(results) + "\n" + scale)
        val charts = try {
            ChartWriter.write(dir, results)
        } catch (e: Throwable) {
            // AWT without its native libraries or fonts fails with errors (UnsatisfiedLinkError, InternalError).
            if (e !is Exception && e !is LinkageError && e !is InternalError) throw e
            System.err.println("bench: charts not written: $e")
            emptyList()
        }
        val names = listOf("results.md", "results.jsonl") + charts.map { it.name }
        System.err.println("bench: wrote ${names.joinToString(", ")} to ${dir.absoluteFile.normalize()}")
    }

    /** The line above the ratio table: date, machine and arguments. */
    internal fun heading(now: Instant, args: List<String>): String {
        val arguments = if (args.isEmpty()) "none (defaults)" else "`${args.joinToString(" ")}`"
        return "Run on ${timestamp.format(now)} on ${MachineInfo.describe()}; arguments: $arguments."
    }
}
