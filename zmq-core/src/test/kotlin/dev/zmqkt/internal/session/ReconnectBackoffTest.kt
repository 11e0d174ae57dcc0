package dev.zmqkt.internal.session

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.longs.shouldBeInRange
import io.kotest.matchers.shouldBe
import java.time.Duration

/**
 * The wait before each reconnect attempt: the current interval (the base, doubling after each attempt up to the
 * maximum) plus a jitter in [0, base). Jitter is random, so each wait is checked against its whole range.
 */
class ReconnectBackoffTest : FunSpec({
    fun ms(n: Long): Duration = Duration.ofMillis(n)

    /** The range a wait with the current interval [current] must fall in, for base interval [base]. */
    fun range(current: Long, base: Long) = current..(current + base - 1)

    test("the first wait is the interval plus a jitter below it") {
        repeat(200) {
            ReconnectBackoff(ms(100), ms(1000)).next() shouldBeInRange range(100, 100)
        }
    }

    test("the interval doubles after each attempt and stops at the maximum") {
        val backoff = ReconnectBackoff(ms(100), ms(1000))
        val expected = listOf(100L, 200, 400, 800, 1000, 1000, 1000) // 1600 is capped at the maximum
        for ((i, current) in expected.withIndex()) {
            withClue("attempt $i") { backoff.next() shouldBeInRange range(current, 100) }
        }
    }

    test("with a 1 ms interval there is no jitter, so the waits are exact") {
        val backoff = ReconnectBackoff(ms(1), ms(10))
        List(6) { backoff.next() } shouldBe listOf(1L, 2, 4, 8, 10, 10)
    }

    test("a maximum that is not a power-of-two multiple of the interval is reached exactly") {
        val backoff = ReconnectBackoff(ms(1), ms(5))
        List(5) { backoff.next() } shouldBe listOf(1L, 2, 4, 5, 5)
    }

    test("reset goes back to the interval") {
        val backoff = ReconnectBackoff(ms(1), ms(64))
        repeat(5) { backoff.next() }
        backoff.next() shouldBe 32L
        backoff.reset()
        List(3) { backoff.next() } shouldBe listOf(1L, 2, 4)
        backoff.reset()
        backoff.reset() // idempotent
        backoff.next() shouldBe 1L
    }

    test("a maximum of 0, below or equal to the interval keeps the interval") {
        for (max in listOf(0L, 50L, 100L)) {
            val backoff = ReconnectBackoff(ms(100), ms(max))
            repeat(10) { i -> withClue("max $max, attempt $i") { backoff.next() shouldBeInRange range(100, 100) } }
        }
        val exact = ReconnectBackoff(ms(1), Duration.ZERO)
        List(5) { exact.next() } shouldBe listOf(1L, 1, 1, 1, 1)
    }

    test("no interval, or a zero one, disables reconnecting and next() refuses") {
        for (backoff in listOf(ReconnectBackoff(null, ms(1000)), ReconnectBackoff(Duration.ZERO, ms(1000)))) {
            backoff.enabled shouldBe false
            shouldThrow<IllegalStateException> { backoff.next() }
            backoff.reset()
            backoff.enabled shouldBe false
        }
        ReconnectBackoff(ms(1), Duration.ZERO).enabled shouldBe true
    }

    test("jitter varies between attempts") {
        val backoff = ReconnectBackoff(ms(1000), Duration.ZERO)
        // 100 draws from 1000 values all equal has odds 1000^-99: not a flaky assertion.
        (List(100) { backoff.next() }.toSet().size > 1) shouldBe true
    }
})
