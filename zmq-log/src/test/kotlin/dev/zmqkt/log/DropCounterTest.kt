package dev.zmqkt.log

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread

/** Drops are counted exactly and reported at most once per interval. */
class DropCounterTest : FunSpec({
    test("at most one report per interval, each with the drops since the previous one") {
        var now = 0L
        val reports = ArrayList<Pair<Long, Long>>()
        val counter = DropCounter(60, { since, total -> reports += since to total }, clock = { now })
        repeat(5) { counter.dropped() }
        reports shouldBe emptyList() // the interval since start has not passed
        now = 60
        counter.dropped()
        reports shouldBe listOf(6L to 6L)
        now = 100
        repeat(3) { counter.dropped() }
        counter.reportIfDue()
        reports.size shouldBe 1
        now = 120
        counter.reportIfDue() // the timer's tick, without a new drop
        reports shouldBe listOf(6L to 6L, 3L to 9L)
        now = 500
        counter.reportIfDue()
        reports.size shouldBe 2 // nothing new: no report
        counter.dropped()
        counter.reportNow()
        reports.last() shouldBe (1L to 10L)
        counter.total shouldBe 10
    }

    test("drops from many threads are all counted and each is reported once") {
        var reported = 0L
        val counter = DropCounter(1, { since, _ -> synchronized(this) { reported += since } })
        val start = CountDownLatch(1)
        val threads = (1..4).map { thread { start.await(); repeat(100_000) { counter.dropped() } } }
        start.countDown()
        threads.forEach { it.join(TimeUnit.SECONDS.toMillis(30)) }
        counter.reportNow()
        counter.total shouldBe 400_000
        synchronized(this) { reported } shouldBe 400_000
    }
})
