package dev.zmqkt

import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.withClue
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.isActive
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlinx.coroutines.withTimeoutOrNull
import java.time.Duration
import java.util.concurrent.CancellationException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import java.util.concurrent.atomic.AtomicIntegerArray
import kotlin.random.Random

/**
 * Many senders into one PULL, and many receivers of every kind on it, over tcp and inproc: every message arrives
 * exactly once and whole, also when receivers are cancelled at random points. Randomness is seeded; outcomes
 * are counted, never timed.
 */
class SocketStressTest : FunSpec({
    val senders = 4

    /** Message [seq] of [sender]: three frames, the last a payload whose length and bytes depend on both. */
    fun messageOf(sender: Int, seq: Int): Message =
        Message.of(Frame.of("s$sender"), Frame.of(seq.toString()), Frame.of(ByteArray(seq % 23) { (seq + sender + it).toByte() }))

    /** The (sender, seq) of [m], after checking that its frames are intact. */
    fun identify(m: Message): Pair<Int, Int> {
        check(m.size == 3) { "a message arrived with ${m.size} frames: $m" }
        val sender = m[0].decodeToString().removePrefix("s").toInt()
        val seq = m[1].decodeToString().toInt()
        val payload = m[2].copyBytes()
        check(payload.contentEquals(ByteArray(seq % 23) { (seq + sender + it).toByte() })) {
            "message $seq of sender $sender arrived with a damaged payload"
        }
        return sender to seq
    }

    /**
     * Sends [count] messages from each of [senders] PUSH sockets connected to [endpoint], concurrently, each in its
     * own style: coroutine send, coroutine sendAll batches mixed with send, blocking sends on a plain thread, and
     * blocking batches mixed with futures on a plain thread.
     */
    fun CoroutineScope.startSenders(ctx: Context, endpoint: String, count: Int, seed: Int): List<Job> =
        (0 until senders).map { sender ->
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            val random = Random(seed * 31 + sender)
            /** Sends messages from..until in batches of random size, with [sendBatch] or one by one. */
            suspend fun mixed(sendOne: suspend (Message) -> Unit, sendBatch: suspend (List<Message>) -> Unit) {
                var seq = 0
                while (seq < count) {
                    val n = minOf(count - seq, random.nextInt(1, 200))
                    val batch = List(n) { messageOf(sender, seq + it) }
                    if (random.nextBoolean()) sendBatch(batch) else batch.forEach { sendOne(it) }
                    seq += n
                }
            }
            when (sender % 4) {
                0 -> launch(Dispatchers.Default) { repeat(count) { push.send(messageOf(sender, it)) } }
                1 -> launch(Dispatchers.Default) { mixed({ push.send(it) }, { push.sendAll(it) }) }
                2 -> launch(Dispatchers.IO) { repeat(count) { push.sendBlocking(messageOf(sender, it), Duration.ofSeconds(30)) } }
                else -> launch(Dispatchers.IO) {
                    mixed({ push.sendAsync(it).get(30, TimeUnit.SECONDS) }, { push.sendAllBlocking(it, Duration.ofSeconds(30)) })
                }
            }
        }

    var endpoints = 0
    fun endpointFor(transport: String) =
        if (transport == "tcp") "tcp://127.0.0.1:*" else "inproc://socket-stress-${endpoints++}"

    for (transport in listOf("tcp", "inproc")) {
        test("$transport: 4 senders x 50,000 multipart messages into one PULL arrive whole, once, in each sender's order") {
            val perSender = 50_000
            withTestContext { ctx ->
                val pull = ctx.socket(SocketType.PULL)
                val endpoint = pull.bind(endpointFor(transport))
                val next = IntArray(senders)
                val random = Random(7)
                within(60_000) {
                    coroutineScope {
                        startSenders(ctx, endpoint, perSender, seed = 1)
                        var received = 0
                        while (received < senders * perSender) {
                            val batch = if (random.nextBoolean()) listOf(pull.receive()) else pull.receiveAvailable(random.nextInt(1, 300))
                            for (m in batch) {
                                val (sender, seq) = identify(m)
                                check(seq == next[sender]) { "sender $sender: expected message ${next[sender]}, got $seq" }
                                next[sender]++
                                received++
                            }
                        }
                    }
                }
                next.toList() shouldBe List(senders) { perSender }
                pull.tryReceive().shouldBeNull()
            }
        }

        test("$transport: concurrent receivers of every kind, cancelled at random points, receive every message exactly once") {
            val perSender = 20_000
            val total = senders * perSender
            withTestContext { ctx ->
                val pull = ctx.socket(SocketType.PULL)
                val endpoint = pull.bind(endpointFor(transport))
                val counts = Array(senders) { AtomicIntegerArray(perSender) }
                val recorded = MutableStateFlow(0)
                val duplicates = AtomicInteger()
                fun record(m: Message) {
                    val (sender, seq) = identify(m)
                    if (counts[sender].incrementAndGet(seq) != 1) duplicates.incrementAndGet()
                    recorded.update { it + 1 }
                }
                val stop = AtomicBoolean(false)
                val byKind = mutableMapOf<String, AtomicInteger>()
                fun counter(kind: String) = synchronized(byKind) { byKind.getOrPut(kind) { AtomicInteger() } }

                coroutineScope {
                    /** Coroutine receivers: cancelled and replaced at random points by the canceller below. */
                    fun startReceiver(slot: Int): Job = launch(Dispatchers.Default) {
                        val random = Random(slot)
                        while (true) {
                            if (slot % 2 == 0) {
                                record(pull.receive()); counter("receive").incrementAndGet()
                            } else {
                                val batch = pull.receiveAvailable(random.nextInt(1, 64))
                                batch.forEach(::record); counter("receiveAvailable").addAndGet(batch.size)
                            }
                        }
                    }
                    val receivers = Array(3) { startReceiver(it) }

                    // A Java-style thread with futures: some cancelled at once, some after a short wait.
                    val futures = launch(Dispatchers.IO) {
                        val random = Random(100)
                        while (!stop.get() && isActive) { // isActive: stop if the test fails elsewhere
                            val future = pull.receiveAsync()
                            val message = try {
                                if (random.nextInt(3) == 0) throw TimeoutException() // cancel at once
                                future.get(random.nextLong(1, 20), TimeUnit.MILLISECONDS)
                            } catch (_: TimeoutException) {
                                if (future.cancel(false)) null else future.join() // lost the race: it completed
                            } catch (_: CancellationException) {
                                null
                            }
                            if (message != null) { record(message); counter("receiveAsync").incrementAndGet() }
                        }
                    }
                    // A Java-style thread receiving with a timeout.
                    val blocking = launch(Dispatchers.IO) {
                        while (!stop.get() && isActive) { // isActive: stop if the test fails elsewhere
                            try {
                                record(pull.receiveBlocking(Duration.ofMillis(20))); counter("receiveBlocking").incrementAndGet()
                            } catch (_: AgainException) {
                            }
                        }
                    }

                    val senderJobs = startSenders(ctx, endpoint, perSender, seed = 2)

                    // The canceller: at seeded random counts of messages received, cancels a random receiver (which
                    // may be suspended, or between receives) and starts another in its slot.
                    val random = Random(42)
                    val cancelAt = (0 until 40).map { random.nextInt(1, total) }.sorted()
                    var cancelled = 0
                    for (at in cancelAt) {
                        if (withTimeoutOrNull(30_000) { recorded.first { it >= at } } == null) break
                        val slot = random.nextInt(receivers.size)
                        receivers[slot].cancelAndJoin()
                        receivers[slot] = startReceiver(slot + 3 * ++cancelled)
                    }

                    val allArrived = withTimeoutOrNull(60_000) { recorded.first { it >= total } } != null
                    senderJobs.joinAll()
                    receivers.forEach { it.cancelAndJoin() } // all suspended in receive now: nothing may be taken
                    stop.set(true)
                    futures.join()
                    blocking.join()

                    val missing = counts.sumOf { c -> (0 until perSender).count { c[it] == 0 } }
                    withClue("received ${recorded.value} of $total by $byKind, $missing missing, ${duplicates.get()} duplicated, after $cancelled cancellations") {
                        allArrived shouldBe true
                        cancelled shouldBe cancelAt.size
                        missing shouldBe 0
                        duplicates.get() shouldBe 0
                        recorded.value shouldBe total
                    }
                }
                pull.tryReceive().shouldBeNull() // no cancelled receiver left a message half-taken

                // The socket still works after all those cancellations.
                val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
                push.send(messageOf(0, 1))
                within { identify(pull.receive()) } shouldBe (0 to 1)
            }
        }
    }
})
