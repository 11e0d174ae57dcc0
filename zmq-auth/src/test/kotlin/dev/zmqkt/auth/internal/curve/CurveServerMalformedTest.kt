package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import dev.zmqkt.auth.internal.crypto.XSalsa20Poly1305
import dev.zmqkt.auth.internal.crypto.putBigEndianLong
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

/** A CURVE server fed bad HELLO and INITIATE commands fails with the code libzmq's `curve_server_t` raises. */
class CurveServerMalformedTest : FunSpec({
    context("HELLO") {
        test("another command first: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.server.receive(CurveCommand("READY", ByteArray(0))) }
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { CurvePair().server.receive(CurveCommand("HELLX", pair.hello().data)) }
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { CurvePair().server.receive(CurveCommand("ERROR", byteArrayOf(0))) }
        }
        for (size in listOf(0, 193, 195, 400)) {
            test("$size data bytes: MALFORMED_COMMAND_HELLO") {
                val pair = CurvePair()
                val hello = pair.hello().edited { it.copyOf(size) }
                shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_HELLO) { pair.server.receive(hello) }
            }
        }
        for ((major, minor) in listOf(0 to 0, 1 to 1, 2 to 0, 0xFF to 0xFF)) {
            test("version $major.$minor: MALFORMED_COMMAND_HELLO") {
                val pair = CurvePair()
                val hello = pair.hello().edited { it.also { d -> d[0] = major.toByte(); d[1] = minor.toByte() } }
                shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_HELLO) { pair.server.receive(hello) }
            }
        }
        test("a client that has the wrong server key: CRYPTOGRAPHIC") {
            val pair = CurvePair()
            val wrong = CurveClientHandshake(pair.clientKeys.first, pair.clientKeys.second, CryptoBox.keyPair().first, ByteArray(0))
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(wrong.nextCommand()!!) }
        }
        for (index in listOf(80, 106, 113, 114, 150, 193)) {
            test("a flipped bit at data byte $index (key, nonce or box): CRYPTOGRAPHIC") {
                val pair = CurvePair()
                val hello = pair.hello().edited { flip(it, index) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(hello) }
            }
        }
        test("a small-order client short-term key: CRYPTOGRAPHIC") {
            val pair = CurvePair()
            val hello = pair.hello().edited { it.also { d -> ByteArray(32).copyInto(d, 74) } }
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(hello) }
        }
        test("a second HELLO: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            val hello = pair.hello()
            pair.welcome(hello)
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.server.receive(hello) }
        }
    }

    context("INITIATE") {
        test("another command: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            pair.welcome()
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.server.receive(CurveCommand("INITIATX", ByteArray(300))) }
        }
        test("MESSAGE before the handshake ends: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            pair.welcome()
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.server.receive(CurveCommand("MESSAGE", ByteArray(40))) }
        }
        for (size in listOf(0, 100, 247)) {
            test("$size data bytes: MALFORMED_COMMAND_INITIATE") {
                val pair = CurvePair()
                val initiate = pair.initiate().edited { it.copyOf(size) }
                shouldFailWith(CurveErrorCodes.MALFORMED_COMMAND_INITIATE) { pair.server.receive(initiate) }
            }
        }
        for (index in listOf(0, 15, 16, 50, 95)) {
            test("a corrupted cookie (bit flipped at $index): CRYPTOGRAPHIC") {
                val pair = CurvePair()
                val initiate = pair.initiate().edited { flip(it, index) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(initiate) }
            }
        }
        for (index in listOf(104, 119, 120, 200, 247, 260)) {
            test("corrupted content (bit flipped at $index): CRYPTOGRAPHIC") {
                val pair = CurvePair()
                val initiate = pair.initiate().edited { flip(it, index) }
                shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(initiate) }
            }
        }
        test("a truncated box (metadata cut): CRYPTOGRAPHIC") {
            val pair = CurvePair()
            val initiate = pair.initiate().edited { it.copyOf(it.size - 1) }
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(initiate) }
        }
        test("a short nonce not above HELLO's: INVALID_SEQUENCE") {
            val pair = CurvePair()
            val initiate = pair.initiate().edited { it.also { d -> putBigEndianLong(d, 96, 1) } }
            shouldFailWith(CurveErrorCodes.INVALID_SEQUENCE) { pair.server.receive(initiate) }
        }
        test("a vouch for another server key: KEY_EXCHANGE") {
            val pair = CurvePair()
            val initiate = forgedInitiate(pair, vouchServerKey = CryptoBox.keyPair().first)
            shouldFailWith(CurveErrorCodes.KEY_EXCHANGE) { pair.server.receive(initiate) }
        }
        test("a vouch for another short-term key: KEY_EXCHANGE") {
            val pair = CurvePair()
            val initiate = forgedInitiate(pair, vouchShortKey = CryptoBox.keyPair().first)
            shouldFailWith(CurveErrorCodes.KEY_EXCHANGE) { pair.server.receive(initiate) }
        }
        test("a client claiming a long-term key it does not own (vouch made with another secret): CRYPTOGRAPHIC") {
            val pair = CurvePair()
            val initiate = forgedInitiate(pair, vouchSecret = CryptoBox.keyPair().second)
            shouldFailWith(CurveErrorCodes.CRYPTOGRAPHIC) { pair.server.receive(initiate) }
        }
        test("the forger's INITIATE with honest parts passes, so the cases above fail for their one change") {
            val pair = CurvePair()
            pair.server.receive(forgedInitiate(pair))
            pair.server.awaitingAuthentication shouldBe true
        }
        test("a replayed INITIATE after the handshake: UNEXPECTED_COMMAND") {
            val pair = CurvePair()
            val initiate = pair.initiate()
            pair.server.receive(initiate)
            shouldFailWith(CurveErrorCodes.UNEXPECTED_COMMAND) { pair.server.receive(initiate) }
        }
    }
})

/**
 * An INITIATE built by hand from the client's view of the handshake (its short-term key pair and the cookie), with
 * one part swapped: the vouch's keys or the secret that signs it.
 */
private fun forgedInitiate(
    pair: CurvePair,
    vouchServerKey: ByteArray = pair.serverKeys.first,
    vouchShortKey: ByteArray? = null,
    vouchSecret: ByteArray = pair.clientKeys.second,
): CurveCommand {
    val (shortPublic, shortSecret) = CryptoBox.keyPair()
    val hello = CurveHello.produce(pair.serverKeys.first, shortPublic, shortSecret, 1)
    pair.server.receive(hello)
    val welcome = CurveWelcome.open(pair.server.nextCommand()!!.data, pair.serverKeys.first, shortSecret)
    val session = XSalsa20Poly1305(CryptoBox.beforeNm(welcome.serverShortPublic, shortSecret)!!)
    return CurveInitiate.produce(
        welcome.cookie, 2, session, pair.clientKeys.first, vouchSecret, vouchShortKey ?: shortPublic,
        welcome.serverShortPublic, vouchServerKey, ByteArray(0),
    )
}
