package dev.zmqkt.internal.io

import io.kotest.core.spec.style.FunSpec
import java.nio.ByteBuffer
import io.kotest.matchers.booleans.shouldBeFalse
import io.kotest.matchers.booleans.shouldBeTrue
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeSameInstanceAs

class BufferPoolTest : FunSpec({
    test("small and large buffers come in their own sizes, cleared, and are reused up to the retained count") {
        val pool = BufferPool(smallSize = 1024, largeSize = 8192, retainedSmall = 1, retainedLarge = 1)
        val small = pool.acquire()
        val large = pool.acquire(large = true)
        small.capacity() shouldBe 1024
        large.capacity() shouldBe 8192
        small.isDirect.shouldBeTrue()
        pool.isLarge(small).shouldBeFalse()
        pool.isLarge(large).shouldBeTrue()

        small.put(1)
        pool.release(small)
        pool.release(large)
        pool.release(ByteBuffer.allocateDirect(1024)) // beyond the retained count: dropped
        val again = pool.acquire()
        again shouldBeSameInstanceAs small
        again.position() shouldBe 0
        again.limit() shouldBe 1024
        pool.acquire(large = true) shouldBeSameInstanceAs large
    }
})
