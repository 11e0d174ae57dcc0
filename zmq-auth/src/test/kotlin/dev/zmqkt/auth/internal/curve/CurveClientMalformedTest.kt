package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** A CURVE client fed bad WELCOME, READY and ERROR commands fails with the code libzmq's `curve_client_t` raises. */
class CurveClientMalformedTest : FunSpec({
    context("WELCOME") {
        for (size in listOf(0, 159, 161)) {
            test("$size data bytes: CRYPTOGRAPHIC (libzmq 4.3 reports the size so)") {
                val pair = CurvePair()
                val welcome = pair.welcome().edited { it.copyOf(size) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.client.receive(welcome) }
            }
        }
        for (index in listOf(0, 15, 16, 40, 159)) {
            test("a flipped bit at $index: CRYPTOGRAPHIC") {
                val pair = CurvePair()
                val welcome = pair.welcome().edited { flip(it, index) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.client.receive(welcome) }
            }
        }
        test("from a server with another long-term key: CRYPTOGRAPHIC") {
            val pair = CurvePair()
            val hello = pair.hello()
            val impostor = CurveServerHandshake(CryptoBox.keyPair().second, ByteArray(0))
            // The impostor cannot open HELLO (it is boxed to the real key), so it fails first, as libzmq's would.
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { impostor.receive(hello) }
            val other = CurvePair()
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.client.receive(other.welcome()) }
        }
        test("READY or a second WELCOME out of turn: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            pair.hello()
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.client.receive(CurveCommand("READY", ByteArray(30))) }
            val other = CurvePair()
            val welcome = other.welcome()
            other.client.receive(welcome)
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { other.client.receive(welcome) }
        }
    }

    context("READY") {
        fun untilReady(pair: CurvePair): CurveCommand {
            pair.server.receive(pair.initiate())
            pair.server.accept()
            return pair.server.nextCommand()!!
        }
        for (size in listOf(0, 8, 23)) {
            test("$size data bytes: MALFORMED_COMMAND_READY") {
                val pair = CurvePair()
                val ready = untilReady(pair).edited { it.copyOf(size) }
                shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_READY) { pair.client.receive(ready) }
            }
        }
        for (index in listOf(0, 7, 8, 24, 30)) {
            test("a flipped bit at $index: CRYPTOGRAPHIC") {
                val pair = CurvePair()
                val ready = untilReady(pair).edited { flip(it, index) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.client.receive(ready) }
            }
        }
        test("READY with empty metadata is fine") {
            val pair = CurvePair(serverMetadata = ByteArray(0))
            pair.complete()
            pair.client.peerMetadata.size shouldBe 0
        }
    }

    context("ERROR") {
        test("ERROR while waiting for WELCOME or READY: the peer's reason") {
            val pair = CurvePair()
            pair.hello()
            shouldThrow<CurvePeerErrorException> { pair.client.receive(CurveCommand("ERROR", byteArrayOf(3) + "400".toByteArray())) }
                .reason shouldBe "400"
            val other = CurvePair()
            other.initiate()
            shouldThrow<CurvePeerErrorException> { other.client.receive(CurveCommand("ERROR", byteArrayOf(3) + "500".toByteArray())) }
                .reason shouldBe "500"
        }
        test("a malformed ERROR: MALFORMED_COMMAND_ERROR") {
            val pair = CurvePair()
            pair.hello()
            shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_ERROR) { pair.client.receive(CurveCommand("ERROR", byteArrayOf(10, 65))) }
        }
        test("ERROR before HELLO was sent: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.client.receive(CurveCommand("ERROR", byteArrayOf(0))) }
        }
    }

    test("a small-order server key: CRYPTOGRAPHIC when making HELLO") {
        val keys = CryptoBox.keyPair()
        val client = CurveClientHandshake(keys.first, keys.second, ByteArray(32), ByteArray(0))
        shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { client.nextCommand() }
    }
})
