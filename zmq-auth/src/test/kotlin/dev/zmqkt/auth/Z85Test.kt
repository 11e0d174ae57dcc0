package dev.zmqkt.auth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.property.Arb
import io.kotest.property.arbitrary.byte
import io.kotest.property.arbitrary.byteArray
import io.kotest.property.arbitrary.int
import io.kotest.property.arbitrary.map
import io.kotest.property.checkAll

class Z85Test : FunSpec({
    test("RFC 32's test vector") {
        val bytes = byteArrayOf(0x86.toByte(), 0x4F, 0xD2.toByte(), 0x6F, 0xB5.toByte(), 0x59, 0xF7.toByte(), 0x5B)
        Z85.encode(bytes) shouldBe "HelloWorld"
        Z85.decode("HelloWorld").toList() shouldBe bytes.toList()
    }

    test("a CURVE key from libzmq's documentation decodes to 32 bytes and back") {
        val key = "Yne@\$w-vo<fVvi]a<NY6T1ed:M\$fCG*[IaLV{hID"
        Z85.decode(key).size shouldBe 32
        Z85.encode(Z85.decode(key)) shouldBe key
    }

    test("round trips") {
        checkAll(Arb.byteArray(Arb.int(0..16).map { it * 4 }, Arb.byte())) { data ->
            Z85.decode(Z85.encode(data)).toList() shouldBe data.toList()
        }
    }

    test("bad input is refused") {
        shouldThrow<IllegalArgumentException> { Z85.encode(ByteArray(3)) }
        shouldThrow<IllegalArgumentException> { Z85.decode("Hell") }
        shouldThrow<IllegalArgumentException> { Z85.decode("Hell\"") }
        shouldThrow<IllegalArgumentException> { Z85.decode("#####") } // 85^5-1 > 2^32-1
    }
})
