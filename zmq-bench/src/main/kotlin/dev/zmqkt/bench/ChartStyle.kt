package dev.zmqkt.bench

import java.awt.BasicStroke
import java.awt.Color
import java.awt.Font
import java.util.Locale
import org.knowm.xchart.style.AxesChartStyler
import org.knowm.xchart.style.Styler
import org.knowm.xchart.style.markers.Marker
import org.knowm.xchart.style.markers.SeriesMarkers

/**
 * The shared look of the benchmark charts: each implementation keeps one colour and marker in every chart,
 * fonts are large enough to read when the PNG is shown in a README, the plot is white with light grid lines,
 * and the legend sits in one row under the plot, where it covers no data.
 *
 * The colours come from the Okabe-Ito palette, which colour-blind readers can tell apart.
 */
internal object ChartStyle {
    /** The order of series in every chart and legend: the ratio table's column order, then any others. */
    private val order = listOf("zmq-kt", "libzmq", "jeromq")
    private val colors = mapOf("zmq-kt" to Color(0x0072B2), "libzmq" to Color(0xD55E00), "jeromq" to Color(0x009E73))
    private val markers = mapOf("zmq-kt" to SeriesMarkers.CIRCLE, "libzmq" to SeriesMarkers.DIAMOND, "jeromq" to SeriesMarkers.SQUARE)
    private val spareColors = listOf(Color(0xCC79A7), Color(0xE69F00), Color(0x56B4E9), Color(0x000000))

    /** Line styles told apart by transport when one chart shows several: solid, dashed, dotted. */
    private val strokes = listOf(
        BasicStroke(2.5f),
        BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, floatArrayOf(9f, 6f), 0f),
        BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, floatArrayOf(2f, 5f), 0f),
    )

    /** [impls] in legend order: zmq-kt, libzmq, jeromq, then unknown ones as they came. */
    fun sorted(impls: Collection<String>): List<String> =
        impls.distinct().sortedBy { order.indexOf(it).let { i -> if (i < 0) order.size else i } }

    fun color(impl: String): Color = colors[impl] ?: spareColors[Math.floorMod(impl.hashCode(), spareColors.size)]

    fun marker(impl: String): Marker = markers[impl] ?: SeriesMarkers.TRIANGLE_UP

    /** The line style of the [index]th transport in a chart. */
    fun stroke(index: Int): BasicStroke = strokes[index % strokes.size]

    /** A rate for an axis label: `7.1 M`, `450 k`, `900`. */
    fun rate(x: Double): String = when {
        x == 0.0 -> "0"
        x >= 1e6 -> "%s M".format(Locale.ROOT, trim(x / 1e6))
        x >= 1e3 -> "%s k".format(Locale.ROOT, trim(x / 1e3))
        else -> trim(x)
    }

    private fun trim(x: Double): String = if (x >= 10 || x == Math.rint(x)) "%.0f".format(Locale.ROOT, x) else "%.1f".format(Locale.ROOT, x)

    /** Fonts, colours, grid and legend for any chart with axes. */
    fun apply(styler: AxesChartStyler) {
        styler.setChartTitleFont(Font(Font.SANS_SERIF, Font.BOLD, 17))
        styler.setChartTitleBoxVisible(false)
        styler.setAxisTitleFont(Font(Font.SANS_SERIF, Font.PLAIN, 14))
        styler.setAxisTickLabelsFont(Font(Font.SANS_SERIF, Font.PLAIN, 13))
        styler.setLegendFont(Font(Font.SANS_SERIF, Font.PLAIN, 14))
        styler.setLegendPosition(Styler.LegendPosition.OutsideS)
        styler.setLegendLayout(Styler.LegendLayout.Horizontal)
        styler.setLegendBorderColor(Color.WHITE)
        styler.setChartBackgroundColor(Color.WHITE)
        styler.setPlotBackgroundColor(Color.WHITE)
        styler.setPlotBorderColor(Color.GRAY)
        styler.setPlotGridLinesColor(Color(0xDDDDDD))
        styler.setMarkerSize(9)
        styler.setLocale(Locale.ROOT)
    }
}
