package dev.zmqkt.internal.sync

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeout
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicReference

/**
 * [Signal]'s event-count contract, step by step. Waiters are started UNDISPATCHED (so they have registered when
 * `launch` returns) or, for blocked threads, observed through the `abandon` hook (called once registered);
 * timeouts here only bound a broken test, they never order its steps.
 */
class SignalTest : FunSpec({
    test("the version starts at 0 and each signal advances it by one") {
        val signal = Signal()
        signal.version shouldBe 0L
        signal.signal()
        signal.version shouldBe 1L
        signal.signal()
        signal.version shouldBe 2L
    }

    test("a wake-up between reading the version and waiting is not lost") {
        val signal = Signal()
        val seen = signal.version
        signal.signal() // after looking, before waiting
        withTimeout(5_000) { signal.await(seen) } // returns at once
        signal.awaitBlocking(seen, Long.MAX_VALUE) shouldBe true
        val calls = AtomicInteger()
        signal.register(seen) { calls.incrementAndGet() } shouldBe false
        signal.waiterCount() shouldBe 0
        calls.get() shouldBe 0
    }

    test("await suspends until the version moves, then returns") {
        val signal = Signal()
        coroutineScope {
            val seen = signal.version
            val waiter = launch(start = CoroutineStart.UNDISPATCHED) { signal.await(seen) }
            waiter.isActive shouldBe true
            signal.waiterCount() shouldBe 1
            signal.signal()
            withTimeout(5_000) { waiter.join() }
            waiter.isCancelled shouldBe false
            signal.waiterCount() shouldBe 0
        }
    }

    test("every waiter is woken by one signal") {
        val signal = Signal()
        coroutineScope {
            val seen = signal.version
            val waiters = List(3) { launch(start = CoroutineStart.UNDISPATCHED) { signal.await(seen) } }
            signal.waiterCount() shouldBe 3
            signal.signal()
            withTimeout(5_000) { waiters.forEach { it.join() } }
        }
    }

    test("cancelling a waiting await unregisters it") {
        val signal = Signal()
        coroutineScope {
            val waiter = launch(start = CoroutineStart.UNDISPATCHED) { signal.await(signal.version) }
            signal.waiterCount() shouldBe 1
            waiter.cancelAndJoin()
            waiter.isCancelled shouldBe true
            signal.waiterCount() shouldBe 0
            signal.signal() // nothing left to wake
            signal.version shouldBe 1L
        }
    }

    test("register calls the waiter once, on the next signal; unregister forgets it") {
        val signal = Signal()
        val first = AtomicInteger()
        val second = AtomicInteger()
        val seen = signal.version
        signal.register(seen) { first.incrementAndGet() } shouldBe true
        val forgotten = Signal.Waiter { second.incrementAndGet() }
        signal.register(seen, forgotten) shouldBe true
        signal.waiterCount() shouldBe 2
        signal.unregister(forgotten)
        signal.waiterCount() shouldBe 1
        first.get() shouldBe 0
        signal.signal()
        signal.signal()
        first.get() shouldBe 1
        second.get() shouldBe 0
        signal.waiterCount() shouldBe 0
    }

    test("awaitBlocking returns false at its deadline and leaves no waiter behind") {
        val signal = Signal()
        signal.awaitBlocking(signal.version, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20)) shouldBe false
        signal.waiterCount() shouldBe 0
    }

    test("awaitBlocking wakes when another thread signals") {
        val signal = Signal()
        val seen = signal.version
        val registered = CountDownLatch(1)
        val result = AtomicReference<Boolean>()
        val thread = Thread {
            result.set(signal.awaitBlocking(seen, Long.MAX_VALUE) { registered.countDown(); false })
        }
        thread.start()
        registered.await(5, TimeUnit.SECONDS) shouldBe true // the waiter is registered (about to park, or parked)
        signal.waiterCount() shouldBe 1
        signal.signal()
        thread.join(5_000)
        thread.isAlive shouldBe false
        result.get() shouldBe true
        signal.waiterCount() shouldBe 0
    }

    test("awaitBlocking ends with true on interruption and keeps the thread's interrupt flag") {
        val signal = Signal()
        val registered = CountDownLatch(1)
        val result = AtomicReference<Boolean>()
        val stillInterrupted = AtomicReference<Boolean>()
        val thread = Thread {
            result.set(signal.awaitBlocking(signal.version, Long.MAX_VALUE) { registered.countDown(); false })
            stillInterrupted.set(Thread.currentThread().isInterrupted)
        }
        thread.start()
        registered.await(5, TimeUnit.SECONDS) shouldBe true
        thread.interrupt()
        thread.join(5_000)
        thread.isAlive shouldBe false
        result.get() shouldBe true
        stillInterrupted.get() shouldBe true
        signal.version shouldBe 0L
        signal.waiterCount() shouldBe 0
    }
})

/** How many waiters [Signal] holds now (its private list, read under its lock). */
private fun Signal.waiterCount(): Int {
    val lockField = Signal::class.java.getDeclaredField("lock").apply { isAccessible = true }
    val waitersField = Signal::class.java.getDeclaredField("waiters").apply { isAccessible = true }
    return synchronized(lockField.get(this)) { (waitersField.get(this) as List<*>?)?.size ?: 0 }
}
