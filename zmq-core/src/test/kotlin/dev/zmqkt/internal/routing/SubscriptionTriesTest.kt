package dev.zmqkt.internal.routing

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.internal.pipe.Pipe
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldContainExactlyInAnyOrder
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.list
import io.kotest.property.arbitrary.string
import io.kotest.property.arbitrary.Codepoint
import io.kotest.property.arbitrary.az
import io.kotest.property.checkAll

class SubscriptionTriesTest : FunSpec({
    fun link(name: String) = PeerLink(Pipe(10), Pipe(10), name)

    test("the topic filter counts subscriptions per prefix") {
        val f = TopicFilter()
        f.add("A".toByteArray()) shouldBe true
        f.add("A".toByteArray()) shouldBe false
        f.accepts(Message.of("Apple"), invert = false) shouldBe true
        f.accepts(Message.of("Banana"), invert = false) shouldBe false
        f.accepts(Message.of("Banana"), invert = true) shouldBe true
        f.remove("A".toByteArray()) shouldBe false
        f.accepts(Message.of("Apple"), invert = false) shouldBe true
        f.remove("A".toByteArray()) shouldBe true
        f.accepts(Message.of("Apple"), invert = false) shouldBe false
        f.remove("A".toByteArray()) shouldBe false
        f.add(ByteArray(0))
        f.accepts(Message.of("anything"), invert = false) shouldBe true
        f.accepts(Message(listOf(Frame.EMPTY)), invert = false) shouldBe true
    }

    test("the topic filter matches exactly the messages some subscribed prefix starts") {
        checkAll(Arb.list(Arb.string(0..4, Codepoint.az()), 0..20), Arb.list(Arb.string(0..6, Codepoint.az()), 1..20)) { prefixes, topics ->
            val f = TopicFilter()
            prefixes.forEach { f.add(it.toByteArray()) }
            for (t in topics) f.accepts(Message.of(t), invert = false) shouldBe prefixes.any { t.startsWith(it) }
            f.prefixes().map { String(it) }.toSet() shouldBe prefixes.toSet()
        }
    }

    test("the subscriber trie keeps each link once per prefix and reports first and last subscribers") {
        val t = SubscriberTrie()
        val a = link("a")
        val b = link("b")
        t.add("news".toByteArray(), a) shouldBe true
        t.add("news".toByteArray(), a) shouldBe false
        t.add("news".toByteArray(), b) shouldBe false
        t.add("".toByteArray(), b) shouldBe true
        val matched = ArrayList<PeerLink>()
        t.forEachMatch(Frame.of("news.today")) { matched += it }
        matched shouldContainExactlyInAnyOrder listOf(a, b, b)
        t.remove("news".toByteArray(), a) shouldBe false
        t.remove("news".toByteArray(), b) shouldBe true
        t.remove("news".toByteArray(), b) shouldBe false
        val gone = ArrayList<String>()
        t.removeAll(b) { gone += String(it) }
        gone shouldBe listOf("")
        matched.clear()
        t.forEachMatch(Frame.of("news")) { matched += it }
        matched shouldBe emptyList()
    }
})
