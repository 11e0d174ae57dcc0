package dev.zmqkt.bench

import java.awt.Color
import java.awt.Font
import java.io.File
import kotlin.math.ceil
import kotlin.math.floor
import kotlin.math.log10
import kotlin.math.pow
import org.knowm.xchart.BitmapEncoder
import org.knowm.xchart.CategoryChart
import org.knowm.xchart.CategoryChartBuilder
import org.knowm.xchart.XYChart
import org.knowm.xchart.XYChartBuilder
import org.knowm.xchart.internal.chartpart.Chart

/**
 * Draws a run's [Result]s as PNG charts with XChart:
 * - `throughput.png`: case `thr`, messages/s against message size, one panel per transport (tcp, inproc) side
 *   by side, one line per implementation;
 * - `latency.png`: every `one_way_us` result as grouped bars, one group per pattern and transport (PAIR tcp,
 *   REQ/REP tcp, ipc, inproc), one bar per implementation, each bar labelled with its value (unless some bar
 *   is too short to hold a label);
 * - `fanout.png`: cases `fanout-N`, messages/s that each subscriber receives against N, one line per
 *   implementation (and per transport, if several).
 *
 * A chart is drawn only if the run measured something for it, and it shows only what was measured. Results of
 * other cases stay in the ratio table only. Works headless: `java.awt.headless` is set before AWT is touched.
 */
internal object ChartWriter {
    init {
        System.setProperty("java.awt.headless", "true")
    }

    private const val WIDTH = 640
    private const val HEIGHT = 480
    private const val LATENCY_WIDTH = 900
    private val fanoutCase = Regex("fanout-(\\d+)")

    /** Writes the charts for [results] into [dir] and returns the files written. */
    fun write(dir: File, results: List<Result>): List<File> = listOfNotNull(
        throughput(results.filter { it.case == "thr" })?.let { save(it, File(dir, "throughput.png")) },
        latency(results.filter { it.metric == "one_way_us" })?.let { save(listOf(it), File(dir, "latency.png")) },
        fanout(results.filter { fanoutCase.matches(it.case) })?.let { save(listOf(it), File(dir, "fanout.png")) },
    )

    private fun throughput(results: List<Result>): List<XYChart>? =
        results.groupBy { it.transport }.map { (transport, rs) ->
            lines(
                title = "PUSH/PULL throughput, $transport",
                xTitle = "message size (bytes)",
                yTitle = "messages/s, higher is better",
                results = rs,
                x = { it.size.toDouble() },
                logY = false,
            )
        }.ifEmpty { null }

    private fun fanout(results: List<Result>): XYChart? {
        if (results.isEmpty()) return null
        val sizes = results.map { it.size }.distinct().joinToString("/")
        return lines(
            title = "PUB to N SUB fan-out, $sizes B messages",
            xTitle = "subscribers N",
            yTitle = "messages/s per subscriber (log scale)",
            results = results,
            x = { fanoutCase.matchEntire(it.case)!!.groupValues[1].toDouble() },
            logY = true,
        )
    }

    /**
     * One line per implementation and transport through ([x], value) of [results]; x on a log scale when there
     * are several x values, y on a log scale if [logY].
     */
    private fun lines(
        title: String, xTitle: String, yTitle: String, results: List<Result>, x: (Result) -> Double, logY: Boolean,
    ): XYChart {
        // A log axis needs a range: with a single x (say one size measured) the axis stays linear.
        val logX = results.map(x).distinct().size > 1
        val chart = XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle(if (logX) "$xTitle, log scale" else xTitle).yAxisTitle(yTitle).build()
        val styler = chart.styler
        ChartStyle.apply(styler)
        styler.setXAxisLogarithmic(logX)
        styler.setXAxisDecimalPattern("#")
        styler.setYAxisLogarithmic(logY)
        if (logY) {
            // Whole decades at both ends, so there are at least two labelled ticks. (XChart ignores the log scale
            // when a tick formatting function is set, hence a decimal pattern here.)
            val low = floor(log10(results.minOf { it.value }))
            styler.setYAxisMin(10.0.pow(low))
            styler.setYAxisMax(10.0.pow(maxOf(ceil(log10(results.maxOf { it.value })), low + 1)))
            styler.setYAxisDecimalPattern("#,###")
        } else {
            styler.setYAxisMin(0.0)
            styler.setyAxisTickLabelsFormattingFunction(ChartStyle::rate)
        }
        val transports = results.map { it.transport }.distinct()
        for (impl in ChartStyle.sorted(results.map { it.impl })) {
            for ((t, transport) in transports.withIndex()) {
                val points = results.filter { it.impl == impl && it.transport == transport }.sortedBy(x)
                if (points.isEmpty()) continue
                val name = if (transports.size == 1) impl else "$impl, $transport"
                chart.addSeries(name, points.map(x), points.map { it.value }).apply {
                    setLineColor(ChartStyle.color(impl))
                    setMarkerColor(ChartStyle.color(impl))
                    setMarker(ChartStyle.marker(impl))
                    setLineStyle(ChartStyle.stroke(t))
                }
            }
        }
        return chart
    }

    private fun latency(results: List<Result>): CategoryChart? {
        if (results.isEmpty()) return null
        val sizes = results.map { it.size }.distinct()
        fun group(r: Result): String {
            val pattern = when (r.case) { "lat" -> "PAIR"; "lat-reqrep" -> "REQ/REP"; else -> r.case }
            return if (sizes.size == 1) "$pattern ${r.transport}" else "$pattern ${r.transport} ${r.size} B"
        }
        val groups = results.map(::group).distinct()
        val title = "Latency (round trip / 2)" + if (sizes.size == 1) ", ${sizes.single()} B messages" else ""
        val chart = CategoryChartBuilder().width(LATENCY_WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("pattern and transport").yAxisTitle("one-way latency (\u00b5s), lower is better").build()
        val bars = ChartStyle.sorted(results.map { it.impl }).associateWith { impl ->
            groups.map { g -> results.firstOrNull { it.impl == impl && group(it) == g }?.value }
        }
        val drawn = bars.values.flatten().filterNotNull()
        val styler = chart.styler
        ChartStyle.apply(styler)
        styler.setYAxisMin(0.0)
        styler.setAvailableSpaceFill(0.8)
        // Values go inside the top of each bar (XChart cannot put them above); a bar too short to hold its
        // label would show it cut off, so then there are none: the numbers are in results.md anyway.
        styler.setLabelsVisible(drawn.min() >= 0.07 * drawn.max())
        styler.setLabelsPosition(1.0)
        styler.setLabelsFont(Font(Font.SANS_SERIF, Font.BOLD, 13))
        styler.setLabelsFontColorAutomaticEnabled(false)
        styler.setLabelsFontColor(Color.WHITE)
        styler.setYAxisDecimalPattern("0.#") // whole numbers on the axis, one decimal on the bars
        for ((impl, values) in bars) chart.addSeries(impl, groups, values).setFillColor(ChartStyle.color(impl))
        return chart
    }

    /** Saves [charts] side by side in one PNG. */
    private fun save(charts: List<Chart<*, *>>, file: File): File {
        file.outputStream().buffered().use { BitmapEncoder.saveBitmap(charts, 1, charts.size, it, BitmapEncoder.BitmapFormat.PNG) }
        return file
    }
}
