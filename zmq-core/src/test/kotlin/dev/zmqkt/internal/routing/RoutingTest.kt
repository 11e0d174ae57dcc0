package dev.zmqkt.internal.routing

import dev.zmqkt.Message
import dev.zmqkt.internal.pipe.Pipe
import dev.zmqkt.internal.pipe.PipeListener
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

private fun link(name: String, hwm: Int = 10) = PeerLink(Pipe(hwm), Pipe(hwm), name)

/** A link whose inbound pipe reports arrivals to its fair queue, as a socket wires it. */
private fun wiredLink(name: String, hwm: Int = 10) = link(name, hwm).also { l ->
    l.inbound.readerListener = PipeListener { l.inboundReadable() }
}

class RoutingTest : FunSpec({
    test("the load balancer deals messages round-robin and skips full links") {
        val lb = LoadBalancer()
        val a = link("a", hwm = 2)
        val b = link("b", hwm = 10)
        lb.add(a); lb.add(b)
        repeat(6) { lb.trySend(Message.of("$it")) shouldBe true }
        // a took 0 and 2, then was full; b took the rest
        generateSequence { a.outbound.poll() }.map { it[0].decodeToString() }.toList() shouldBe listOf("0", "2")
        generateSequence { b.outbound.poll() }.map { it[0].decodeToString() }.toList() shouldBe listOf("1", "3", "4", "5")
    }

    test("the load balancer reports false when every link is full, and drops links whose peer is gone") {
        val lb = LoadBalancer()
        val a = link("a", hwm = 1)
        lb.trySend(Message.of("none")) shouldBe false
        lb.add(a)
        lb.trySend(Message.of("1")) shouldBe true
        lb.trySend(Message.of("2")) shouldBe false
        a.closeFromPeer()
        lb.trySend(Message.of("3")) shouldBe false
        lb.isEmpty shouldBe true
    }

    test("the fair queue takes one message per link in turn") {
        val fq = FairQueue()
        val a = link("a"); val b = link("b"); val c = link("c")
        listOf(a, b, c).forEach { fq.add(it) }
        repeat(3) { i -> a.inbound.offer(Message.of("a$i")); b.inbound.offer(Message.of("b$i")) }
        c.inbound.offer(Message.of("c0"))
        val order = generateSequence { fq.tryReceive() }.map { it[0].decodeToString() }.toList()
        order shouldBe listOf("a0", "b0", "c0", "a1", "b1", "a2", "b2")
    }

    test("the fair queue delivers what a departed peer sent, then drops its link") {
        val fq = FairQueue()
        val a = link("a")
        fq.add(a)
        a.inbound.offer(Message.of("last words"))
        a.closeFromPeer()
        fq.tryReceive() shouldBe Message.of("last words")
        fq.tryReceive() shouldBe null
        a.readableWatcher shouldBe null // dropped for good
    }

    test("a link found empty leaves the round and comes back when a message arrives") {
        val fq = FairQueue()
        val a = wiredLink("a"); val b = wiredLink("b")
        fq.add(a); fq.add(b)
        fq.tryReceive() shouldBe null // both found empty: both leave the round
        b.inbound.offer(Message.of("b0"))
        a.inbound.offer(Message.of("a0"))
        b.inbound.offer(Message.of("b1"))
        generateSequence { fq.tryReceive() }.map { it[0].decodeToString() }.toList() shouldBe listOf("b0", "a0", "b1")
        fq.tryReceive() shouldBe null
        a.inbound.offer(Message.of("a1"))
        fq.tryReceive() shouldBe Message.of("a1")
    }

    test("among 10,000 links, messages from the few that talk all arrive, each link's in order") {
        val fq = FairQueue()
        val links = (0 until 10_000).map { wiredLink("l$it") }
        links.forEach { fq.add(it) }
        fq.tryReceive() shouldBe null
        val talkers = listOf(7, 4_242, 9_999, 1_000)
        val got = ArrayList<String>()
        repeat(3) { round ->
            for (t in talkers) links[t].inbound.offer(Message.of("$t-$round"))
            repeat(talkers.size) { got += fq.tryReceive()!![0].decodeToString() }
            fq.tryReceive() shouldBe null
        }
        for (t in talkers) got.filter { it.startsWith("$t-") } shouldBe (0 until 3).map { "$t-$it" }
        got.size shouldBe 12
    }

    test("a link removed from the fair queue is not brought back by a late arrival") {
        val fq = FairQueue()
        val a = wiredLink("a")
        fq.add(a)
        fq.tryReceive() shouldBe null
        fq.remove(a)
        a.inbound.offer(Message.of("late"))
        fq.tryReceive() shouldBe null
    }
})
