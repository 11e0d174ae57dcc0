package dev.zmqkt.internal.pipe

import dev.zmqkt.Message
import dev.zmqkt.internal.sync.Signal
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicReference
import kotlin.concurrent.thread

/**
 * One writer thread and one reader thread over a pipe with a small high-water mark, each sleeping on a [Signal]
 * its pipe listener advances, as the engine and the socket do: every message arrives once and in order, and the
 * pipe never holds more than its HWM. Waits are bounded: a lost wake-up fails the test instead of hanging it.
 */
class PipeStressTest : FunSpec({
    val hwm = 8
    val total = 1_000_000
    val waitLimitNanos = TimeUnit.SECONDS.toNanos(20)

    fun message(i: Int) = Message.of(i.toString())

    /** Offers messages 0 until [total], waiting on [writable] while the pipe is full; closes the writer at the end. */
    fun writer(pipe: Pipe, writable: Signal, error: AtomicReference<Throwable?>) = thread(name = "pipe-writer") {
        try {
            var i = 0
            var next = message(0)
            while (i < total) {
                val seen = writable.version
                when (pipe.offer(next)) {
                    Pipe.ACCEPTED -> if (++i < total) next = message(i)
                    Pipe.FULL -> check(writable.awaitBlocking(seen, System.nanoTime() + waitLimitNanos)) {
                        "writer never heard of room after $i messages (lost wake-up)"
                    }
                    else -> error("pipe closed under the writer")
                }
            }
            pipe.closeWriter()
        } catch (e: Throwable) {
            error.compareAndSet(null, e)
        }
    }

    test("a writer and a reader waiting on Signals pass a million messages once, in order, never above the HWM") {
        val pipe = Pipe(hwm)
        val readable = Signal()
        val writable = Signal()
        pipe.readerListener = PipeListener { readable.signal() }
        pipe.writerListener = PipeListener { writable.signal() }
        val error = AtomicReference<Throwable?>(null)
        val writer = writer(pipe, writable, error)

        var received = 0
        var maxHeld = 0L
        var readerWaits = 0
        try {
            while (true) {
                // The reader owns pipe.read; pipe.written is the writer's published count. Their difference is what
                // the pipe holds at this moment, which the HWM bounds.
                val held = pipe.written - pipe.read
                if (held > maxHeld) maxHeld = held
                val seen = readable.version
                val m = pipe.poll()
                if (m == null) {
                    if (pipe.isFinished()) break
                    readerWaits++
                    check(readable.awaitBlocking(seen, System.nanoTime() + waitLimitNanos)) {
                        "reader never heard of messages after $received (lost wake-up)"
                    }
                    continue
                }
                val text = m[0].decodeToString()
                if (text != received.toString()) error("expected message $received, got $text")
                received++
            }
        } finally {
            writer.join(30_000)
        }
        error.get()?.let { throw it }
        withClue("max held $maxHeld, reader waited $readerWaits times") {
            received shouldBe total
            (maxHeld <= hwm) shouldBe true
        }
        pipe.poll().shouldBeNull()
    }

    test("with a drain helper taking messages on the writer's thread, nothing is lost or duplicated") {
        val pipe = Pipe(hwm)
        val readable = Signal()
        val writable = Signal()
        pipe.readerListener = PipeListener { readable.signal() }
        pipe.writerListener = PipeListener { writable.signal() }
        // Both consumers read under one lock (the pipe has one reader at a time) and check the next number there.
        val readLock = Any()
        var consumed = 0
        var byHelper = 0
        var maxHeld = 0L
        var helperCalls = 0
        fun consume(m: Message) {
            val text = m[0].decodeToString()
            if (text != consumed.toString()) error("expected message $consumed, got $text")
            consumed++
        }
        fun takeSome(limit: Int): Int {
            var n = 0
            while (n < limit) {
                val held = pipe.written - pipe.read
                if (held > maxHeld) maxHeld = held
                val m = pipe.poll() ?: break
                consume(m)
                n++
            }
            return n
        }
        // The helper takes half a pipe's worth on odd calls and everything on even ones, so it sometimes leaves
        // the pipe still full for the writer to wait on and sometimes empty for the reader to wait on.
        pipe.drainHelper = PipeDrainHelper {
            synchronized(readLock) {
                helperCalls++
                byHelper += takeSome(if (helperCalls % 2 == 1) hwm / 2 else Int.MAX_VALUE)
            }
        }
        val error = AtomicReference<Throwable?>(null)
        val writer = writer(pipe, writable, error)
        try {
            while (true) {
                val seen = readable.version
                val taken = synchronized(readLock) { takeSome(64) }
                if (taken > 0) continue
                if (synchronized(readLock) { pipe.isFinished() }) break
                check(readable.awaitBlocking(seen, System.nanoTime() + waitLimitNanos)) {
                    "reader never heard of messages after ${synchronized(readLock) { consumed }} (lost wake-up)"
                }
            }
        } finally {
            writer.join(30_000)
        }
        error.get()?.let { throw it }
        synchronized(readLock) {
            withClue("helper called $helperCalls times, took $byHelper; max held $maxHeld") {
                consumed shouldBe total
                (maxHeld <= hwm) shouldBe true
            }
        }
        pipe.poll().shouldBeNull()
    }
})
