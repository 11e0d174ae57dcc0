package dev.zmqkt.samples

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class PipelineDemoTest : FunSpec({
    test("the pipeline demo counts primes correctly and spreads tasks over every worker") {
        val result = runPipeline(workers = 3, tasks = 30, rangeSize = 1000)
        result.primes shouldBe (0L until 30_000L).count(::isPrime).toLong()
        result.tasksPerWorker.keys shouldBe setOf("worker-1", "worker-2", "worker-3")
        result.tasksPerWorker.values.sum() shouldBe 30
    }

    test("ping-pong completes its round trips") {
        val (rate, micros) = runPingPong(roundTrips = 500)
        (rate > 0 && micros > 0) shouldBe true
    }
})
