package dev.zmqkt.auth.internal.crypto

import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.int
import io.kotest.property.checkAll
import org.bouncycastle.crypto.engines.XSalsa20Engine
import org.bouncycastle.crypto.params.KeyParameter
import org.bouncycastle.crypto.params.ParametersWithIV

class CryptoBoxPropertyTest : FunSpec({
    val key = Arb.byteArray(Arb.int(32..32), Arb.byte())
    val nonce = Arb.byteArray(Arb.int(24..24), Arb.byte())
    val message = Arb.byteArray(Arb.int(0..700), Arb.byte())

    test("box and open round trip between two fresh key pairs, any length") {
        checkAll(50, nonce, message) { n, m ->
            val (alicePublic, aliceSecret) = CryptoBox.keyPair()
            val (bobPublic, bobSecret) = CryptoBox.keyPair()
            val sealed = XSalsa20Poly1305(CryptoBox.beforeNm(bobPublic, aliceSecret)!!).seal(n, m)
            sealed.size shouldBe m.size + 16
            XSalsa20Poly1305(CryptoBox.beforeNm(alicePublic, bobSecret)!!).open(n, sealed) shouldBe m
        }
    }

    test("the keystream is Bouncy Castle's XSalsa20Engine's, from byte 32 on") {
        checkAll(100, key, nonce, message) { k, n, m ->
            val sealed = XSalsa20Poly1305(k).seal(n, m)
            val engine = XSalsa20Engine().apply { init(true, ParametersWithIV(KeyParameter(k), n)) }
            val stream = ByteArray(32 + m.size)
            engine.processBytes(ByteArray(stream.size), 0, stream.size, stream, 0)
            val ciphertext = ByteArray(m.size) { (m[it].toInt() xor stream[32 + it].toInt()).toByte() }
            sealed.copyOfRange(16, sealed.size) shouldBe ciphertext
        }
    }

    test("sealing and opening in place, at an offset, agree with the copying forms") {
        checkAll(100, key, nonce, message) { k, n, m ->
            val box = XSalsa20Poly1305(k)
            val buffer = ByteArray(m.size + 40)
            m.copyInto(buffer, 24)
            box.seal(n, buffer, 24, m.size, buffer, 8)
            buffer.copyOfRange(8, 24 + m.size) shouldBe box.seal(n, m)
            box.open(n, buffer, 8, m.size + 16, buffer, 8) shouldBe true
            buffer.copyOfRange(8, 8 + m.size) shouldBe m
        }
    }

    test("one box instance serves many nonces in a row") {
        val box = XSalsa20Poly1305(ByteArray(32) { it.toByte() })
        val seen = HashSet<List<Byte>>()
        for (i in 0 until 100) {
            val n = ByteArray(24).also { it[23] = i.toByte() }
            val sealed = box.seal(n, ByteArray(40))
            seen.add(sealed.toList()) shouldBe true
            box.open(n, sealed) shouldBe ByteArray(40)
        }
        seen.size shouldNotBe 1
    }
})
