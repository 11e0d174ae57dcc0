package dev.zmqkt.bench

/**
 * The ratios of zmq-kt to the other implementations, per case. For throughput higher is better (ratio > 1
 * means zmq-kt is faster); for latency the ratio is zmq-kt's time over theirs, so lower is better.
 *
 * "Java CF/Kotlin" compares zmq-kt called from Java through CompletableFuture with the Kotlin suspending path, as
 * a speed ratio for both kinds of case (Java throughput over Kotlin's; Kotlin latency over Java's): 1.0 means
 * the Java path is as fast, and higher is better. The last two columns are zmq-kt's batch forms (`sendAll`,
 * `receiveAvailable`) in the throughput cases, their speed over libzmq's (one message per call), and the
 * Java batch futures' speed over the Kotlin one-message path.
 */
object RatioTable {
    fun render(results: List<Result>): String {
        val byCase = results.groupBy { Triple(it.case, it.transport, it.size) }
        val lines = ArrayList<String>()
        lines += "| case | transport | size | zmq-kt | libzmq | jeromq | zmq-kt/libzmq | zmq-kt/jeromq | zmq-kt Java CF | Java CF/Kotlin | zmq-kt batch | batch/libzmq | Java batch CF/Kotlin |"
        lines += "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
        for ((key, rs) in byCase) {
            val (case, transport, size) = key
            fun v(impl: String) = rs.firstOrNull { it.impl == impl }?.value
            val ours = v("zmq-kt")
            fun fmt(x: Double?) = when {
                x == null -> "-"
                case.startsWith("thr") || case.startsWith("fanout") || case == "proxy" ->
                    if (x >= 100_000) "%.2f M/s".format(x / 1e6) else "%.1f k/s".format(x / 1e3)
                else -> "%.1f us".format(x)
            }
            fun ratio(other: Double?) = if (ours == null || other == null) "-" else "%.2f".format(ours / other)
            val java = v("zmq-kt-java")
            val javaSpeed = when {
                java == null || ours == null -> "-"
                case.startsWith("thr") -> "%.2f".format(java / ours)
                else -> "%.2f".format(ours / java)
            }
            lines += "| $case | $transport | $size | ${fmt(ours)} | ${fmt(v("libzmq"))} | ${fmt(v("jeromq"))} | " +
                "${ratio(v("libzmq"))} | ${ratio(v("jeromq"))} | ${fmt(java)} | $javaSpeed | " +
                "${fmt(v("zmq-kt-batch"))} | ${batchRatio(v("zmq-kt-batch"), v("libzmq"))} | " +
                "${batchRatio(v("zmq-kt-java-batch"), ours)} |"
        }
        return lines.joinToString("\n")
    }

    private fun batchRatio(batch: Double?, libzmq: Double?): String =
        if (batch == null || libzmq == null) "-" else "%.2f".format(batch / libzmq)
}
