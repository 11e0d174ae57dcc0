package dev.zmqkt.bench

/**
 * The ratios of zmq-kt to the other implementations, per case. For throughput higher is better (ratio > 1
 * means zmq-kt is faster); for latency the ratio is zmq-kt's time over theirs, so lower is better.
 */
object RatioTable {
    fun render(results: List<Result>): String {
        val byCase = results.groupBy { Triple(it.case, it.transport, it.size) }
        val lines = ArrayList<String>()
        lines += "| case | transport | size | zmq-kt | libzmq | jeromq | zmq-kt/libzmq | zmq-kt/jeromq |"
        lines += "|---|---|---|---|---|---|---|---|"
        for ((key, rs) in byCase) {
            val (case, transport, size) = key
            fun v(impl: String) = rs.firstOrNull { it.impl == impl }?.value
            val ours = v("zmq-kt")
            fun fmt(x: Double?) = when {
                x == null -> "-"
                case.startsWith("thr") || case.startsWith("fanout") ->
                    if (x >= 100_000) "%.2f M/s".format(x / 1e6) else "%.1f k/s".format(x / 1e3)
                else -> "%.1f us".format(x)
            }
            fun ratio(other: Double?) = if (ours == null || other == null) "-" else "%.2f".format(ours / other)
            lines += "| $case | $transport | $size | ${fmt(ours)} | ${fmt(v("libzmq"))} | ${fmt(v("jeromq"))} | " +
                "${ratio(v("libzmq"))} | ${ratio(v("jeromq"))} |"
        }
        return lines.joinToString("\n")
    }
}
