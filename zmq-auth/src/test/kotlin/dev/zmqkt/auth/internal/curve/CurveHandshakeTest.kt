package dev.zmqkt.auth.internal.curve

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class CurveHandshakeTest : FunSpec({
    test("a client and a server complete the handshake and learn each other's metadata and keys") {
        val pair = CurvePair()
        val hello = pair.hello()
        hello.data.size shouldBe 194
        hello.data[0] shouldBe 1
        hello.data[1] shouldBe 0
        hello.data.copyOfRange(2, 74) shouldBe ByteArray(72)
        pair.client.nextCommand() shouldBe null
        val welcome = pair.welcome(hello)
        welcome.data.size shouldBe 160
        pair.server.nextCommand() shouldBe null
        pair.client.receive(welcome)
        val initiate = pair.client.nextCommand()!!
        initiate.data.size shouldBe 248 + pair.clientMetadata.size
        pair.server.receive(initiate)
        pair.server.awaitingAuthentication shouldBe true
        pair.server.nextCommand() shouldBe null
        pair.server.clientPublicKey shouldBe pair.clientKeys.first
        pair.server.peerMetadata shouldBe pair.clientMetadata
        pair.server.accept()
        val ready = pair.server.nextCommand()!!
        ready.name shouldBe "READY"
        ready.data.size shouldBe 24 + pair.serverMetadata.size
        pair.server.isComplete shouldBe true
        pair.client.receive(ready)
        pair.client.isComplete shouldBe true
        pair.client.peerMetadata shouldBe pair.serverMetadata
        pair.client.nextCommand() shouldBe null
    }

    test("short nonces follow libzmq: HELLO 1, INITIATE 2, READY 1, so MESSAGE starts at 3 from the client and 2 from the server") {
        val pair = CurvePair()
        val hello = pair.hello()
        dev.zmqkt.auth.internal.crypto.bigEndianLong(hello.data, 106) shouldBe 1L
        pair.client.receive(pair.welcome(hello))
        val initiate = pair.client.nextCommand()!!
        dev.zmqkt.auth.internal.crypto.bigEndianLong(initiate.data, 96) shouldBe 2L
        pair.server.receive(initiate)
        pair.server.accept()
        val ready = pair.server.nextCommand()!!
        dev.zmqkt.auth.internal.crypto.bigEndianLong(ready.data, 0) shouldBe 1L
        pair.client.receive(ready)
        val out = ByteArray(40)
        pair.client.codec.wrap(ByteArray(7), 0, 7, 0, out, 0)
        dev.zmqkt.auth.internal.crypto.bigEndianLong(out, 8) shouldBe 3L
        pair.server.codec.wrap(ByteArray(7), 0, 7, 0, out, 0)
        dev.zmqkt.auth.internal.crypto.bigEndianLong(out, 8) shouldBe 2L
    }

    test("after the handshake both codecs carry frames both ways, flags and all") {
        val pair = CurvePair()
        pair.complete()
        for ((from, to) in listOf(pair.client.codec to pair.server.codec, pair.server.codec to pair.client.codec)) {
            for ((i, size) in listOf(0, 1, 31, 32, 33, 63, 64, 65, 1000, 70_000).withIndex()) {
                val payload = ByteArray(size) { (it * 7 + i).toByte() }
                val flags = i % 4
                val body = ByteArray(size + CurveMessageCodec.OVERHEAD)
                from.wrap(payload, 0, size, flags, body, 0)
                to.unwrap(body, body.size) shouldBe flags
                body.copyOfRange(CurveMessageCodec.PAYLOAD, body.size) shouldBe payload
            }
        }
    }

    test("each connection has its own short-term keys, and a cookie from one connection fails on another") {
        val a = CurvePair()
        val b = CurvePair()
        val helloA = a.hello()
        val helloB = b.hello()
        (helloA.data.copyOfRange(74, 106) contentEquals helloB.data.copyOfRange(74, 106)) shouldBe false
        a.client.receive(a.welcome(helloA))
        val initiateA = a.client.nextCommand()!!
        b.client.receive(b.welcome(helloB))
        val initiateB = b.client.nextCommand()!!
        val stale = initiateB.edited { data -> initiateA.data.copyInto(data, 0, 0, 96) }
        shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { b.server.receive(stale) }
    }
})
