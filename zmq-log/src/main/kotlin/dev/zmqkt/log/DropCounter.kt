package dev.zmqkt.log

import java.util.concurrent.atomic.AtomicLong
import java.util.concurrent.atomic.LongAdder

/**
 * Counts records that could not be published and reports them through [reporter] at most once per
 * [intervalNanos]: a report says how many were dropped since the previous one and in all. [clock] gives
 * nanoseconds ([System.nanoTime] outside tests).
 *
 * ### Concurrency
 * [dropped] is called by any number of threads at once; a report is made by one of them (or by the timer calling
 * [reportIfDue]), never by two for the same drops.
 */
internal class DropCounter(
    private val intervalNanos: Long,
    private val reporter: DropReporter,
    private val clock: () -> Long = System::nanoTime,
) {
    private val drops = LongAdder()
    private val reportedTotal = AtomicLong()
    private val lastReportAt = AtomicLong(clock())

    /** Drops so far. */
    val total: Long get() = drops.sum()

    fun dropped() {
        drops.increment()
        reportIfDue()
    }

    /** Reports the drops not reported yet when the interval since the last report has passed. */
    fun reportIfDue() {
        val last = lastReportAt.get()
        val now = clock()
        if (now - last < intervalNanos || total == reportedTotal.get()) return
        if (!lastReportAt.compareAndSet(last, now)) return // another thread reports
        report()
    }

    /** Reports what is left at once, whatever the interval (when the publisher closes). */
    fun reportNow() {
        lastReportAt.set(clock())
        report()
    }

    private fun report() {
        while (true) {
            val before = reportedTotal.get()
            val total = total
            if (total <= before) return
            if (reportedTotal.compareAndSet(before, total)) {
                reporter.report(total - before, total)
                return
            }
        }
    }
}
