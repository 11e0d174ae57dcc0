package dev.zmqkt.auth.internal.crypto

import dev.zmqkt.auth.internal.crypto.NaclVectors.hex
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import org.bouncycastle.math.ec.rfc7748.X25519

class CryptoBoxVectorsTest : FunSpec({
    test("scalarmult, scalarmult2: public keys of Alice's and Bob's secret keys") {
        CryptoBox.publicKey(NaclVectors.aliceSecret) shouldBe NaclVectors.alicePublic
        CryptoBox.publicKey(NaclVectors.bobSecret) shouldBe NaclVectors.bobPublic
    }

    test("scalarmult5, scalarmult6: both sides compute the same shared secret") {
        val ab = ByteArray(32).also { X25519.scalarMult(NaclVectors.aliceSecret, 0, NaclVectors.bobPublic, 0, it, 0) }
        val ba = ByteArray(32).also { X25519.scalarMult(NaclVectors.bobSecret, 0, NaclVectors.alicePublic, 0, it, 0) }
        ab shouldBe NaclVectors.sharedSecret
        ba shouldBe NaclVectors.sharedSecret
    }

    test("core1: HSalsa20 of the shared secret with a zero input is the first key") {
        val out = ByteArray(32)
        HSalsa20.derive(NaclVectors.sharedSecret, 0, ByteArray(16), 0, out, 0)
        out shouldBe NaclVectors.firstKey
    }

    test("box: beforenm on both sides gives the first key") {
        CryptoBox.beforeNm(NaclVectors.bobPublic, NaclVectors.aliceSecret) shouldBe NaclVectors.firstKey
        CryptoBox.beforeNm(NaclVectors.alicePublic, NaclVectors.bobSecret) shouldBe NaclVectors.firstKey
    }

    test("box and secretbox: Alice's box of the message") {
        val key = CryptoBox.beforeNm(NaclVectors.bobPublic, NaclVectors.aliceSecret)!!
        XSalsa20Poly1305(key).seal(NaclVectors.nonce, NaclVectors.message) shouldBe NaclVectors.box
        XSalsa20Poly1305(NaclVectors.firstKey).seal(NaclVectors.nonce, NaclVectors.message) shouldBe NaclVectors.box
    }

    test("box2: Bob opens it") {
        val key = CryptoBox.beforeNm(NaclVectors.alicePublic, NaclVectors.bobSecret)!!
        XSalsa20Poly1305(key).open(NaclVectors.nonce, NaclVectors.box) shouldBe NaclVectors.message
    }

    test("secretbox: sealing in place, the ciphertext over the plaintext") {
        val buffer = ByteArray(16 + NaclVectors.message.size)
        NaclVectors.message.copyInto(buffer, 16)
        XSalsa20Poly1305(NaclVectors.firstKey).seal(NaclVectors.nonce, buffer, 16, NaclVectors.message.size, buffer, 0)
        buffer shouldBe NaclVectors.box
    }

    test("box, box2: a small-order public key is refused") {
        CryptoBox.beforeNm(NaclVectors.smallOrderPoint, NaclVectors.aliceSecret) shouldBe null
        CryptoBox.beforeNm(ByteArray(32), NaclVectors.bobSecret) shouldBe null
    }

    test("every flipped bit of the box, tag or ciphertext, fails to open and writes nothing") {
        val box = XSalsa20Poly1305(NaclVectors.firstKey)
        for (i in NaclVectors.box.indices) {
            for (bit in 0 until 8) {
                val forged = NaclVectors.box.copyOf()
                forged[i] = (forged[i].toInt() xor (1 shl bit)).toByte()
                val out = ByteArray(NaclVectors.message.size)
                box.open(NaclVectors.nonce, forged, 0, forged.size, out, 0) shouldBe false
                out shouldBe ByteArray(out.size)
            }
        }
    }

    test("a wrong nonce or a box shorter than a tag fails to open") {
        val box = XSalsa20Poly1305(NaclVectors.firstKey)
        val nonce = NaclVectors.nonce.copyOf().also { it[23] = (it[23] + 1).toByte() }
        box.open(nonce, NaclVectors.box) shouldBe null
        box.open(NaclVectors.nonce, ByteArray(15)) shouldBe null
    }

    test("RFC 7748 section 5.2: the X25519 vectors") {
        val scalar = hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
        val u = hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
        val out = ByteArray(32).also { X25519.scalarMult(scalar, 0, u, 0, it, 0) }
        out shouldBe hex("c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552")
    }
})
