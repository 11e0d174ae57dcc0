package dev.zmqkt.internal.pipe

import dev.zmqkt.Message
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import java.util.concurrent.atomic.AtomicInteger

class PipeTest : FunSpec({
    test("keeps order and refuses writes at the high-water mark") {
        val pipe = Pipe(hwm = 3)
        (0 until 3).forEach { pipe.offer(Message.of("$it")) shouldBe Pipe.ACCEPTED }
        pipe.offer(Message.of("x")) shouldBe Pipe.FULL
        // The reader tells the writer about room every low-water mark (2 of 3) reads, as libzmq does.
        pipe.poll() shouldBe Message.of("0")
        pipe.poll() shouldBe Message.of("1")
        pipe.offer(Message.of("3")) shouldBe Pipe.ACCEPTED
        pipe.offer(Message.of("4")) shouldBe Pipe.ACCEPTED
        pipe.offer(Message.of("y")) shouldBe Pipe.FULL
        listOf(pipe.poll(), pipe.poll(), pipe.poll()) shouldBe listOf(Message.of("2"), Message.of("3"), Message.of("4"))
        pipe.poll() shouldBe null
    }

    test("zero means no limit") {
        val pipe = Pipe(hwm = 0)
        repeat(100_000) { pipe.offer(Message.of("m")) shouldBe Pipe.ACCEPTED }
        var n = 0
        while (pipe.poll() != null) n++
        n shouldBe 100_000
    }

    test("offerAll takes what fits and marks the writer waiting; reading wakes it") {
        val pipe = Pipe(hwm = 4)
        val writable = AtomicInteger()
        pipe.writerListener = PipeListener { writable.incrementAndGet() }
        val batch = (0 until 10).map { Message.of("$it") }
        pipe.offerAll(batch, 0) shouldBe 4
        pipe.offerAll(batch, 4) shouldBe 0
        writable.get() shouldBe 0
        pipe.poll()
        pipe.poll() // the low-water mark (2) is reached: the writer hears of the room
        writable.get() shouldBe 1
        pipe.offerAll(batch, 4) shouldBe 2
    }

    test("the reader hears once when messages arrive after it found the pipe empty") {
        val pipe = Pipe(hwm = 10)
        val readable = AtomicInteger()
        pipe.readerListener = PipeListener { readable.incrementAndGet() }
        pipe.offer(Message.of("a"))
        readable.get() shouldBe 0 // nobody was waiting
        pipe.poll() shouldBe Message.of("a")
        pipe.poll() shouldBe null // now the reader waits
        pipe.offer(Message.of("b"))
        pipe.offer(Message.of("c"))
        readable.get() shouldBe 1
    }

    test("closing the writer lets the reader drain, then reports finished") {
        val pipe = Pipe(hwm = 10)
        pipe.offer(Message.of("a"))
        pipe.closeWriter()
        pipe.isFinished() shouldBe false
        pipe.poll() shouldBe Message.of("a")
        pipe.poll() shouldBe null
        pipe.isFinished() shouldBe true
    }

    test("closing the reader drops what is queued and refuses writes") {
        val pipe = Pipe(hwm = 10)
        val writable = AtomicInteger()
        pipe.writerListener = PipeListener { writable.incrementAndGet() }
        pipe.offer(Message.of("a"))
        pipe.closeReader()
        writable.get() shouldBe 1
        pipe.offer(Message.of("b")) shouldBe Pipe.CLOSED
        pipe.offerAll(listOf(Message.of("c")), 0) shouldBe -1
    }

    test("a writer and a reader on different threads pass a million messages in order") {
        val pipe = Pipe(hwm = 100)
        val total = 1_000_000
        val lock = Object()
        pipe.writerListener = PipeListener { synchronized(lock) { lock.notifyAll() } }
        pipe.readerListener = PipeListener { synchronized(lock) { lock.notifyAll() } }
        val messages = Array(256) { Message.of("$it") }
        val writer = Thread {
            var i = 0
            while (i < total) {
                if (pipe.offer(messages[i and 255]) == Pipe.ACCEPTED) i++
                else synchronized(lock) { if (pipe.isFullWaiting()) lock.wait(10) }
            }
        }
        writer.start()
        var received = 0
        while (received < total) {
            val m = pipe.poll()
            if (m == null) {
                synchronized(lock) { lock.wait(10) }
                continue
            }
            m shouldBe messages[received and 255]
            received++
        }
        writer.join()
        pipe.poll() shouldBe null
    }
})
