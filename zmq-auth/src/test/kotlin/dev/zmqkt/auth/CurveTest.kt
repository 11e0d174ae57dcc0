package dev.zmqkt.auth

import dev.zmqkt.auth.support.Python
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldNotContain

class CurveTest : FunSpec({
    test("keypair gives 40-character Z85 keys whose public key is that of the secret key") {
        val pair = Curve.keypair()
        pair.publicKey.length shouldBe 40
        pair.secretKey.length shouldBe 40
        Curve.publicKey(pair.secretKey) shouldBe pair.publicKey
        Curve.publicKey(pair.secretKeyBytes()) shouldBe pair.publicKeyBytes()
        Z85.decode(pair.publicKey) shouldBe pair.publicKeyBytes()
        val (public, secret) = pair
        public shouldBe pair.publicKey
        secret shouldBe pair.secretKey
    }

    test("two key pairs differ, and toString hides the secret key") {
        val a = Curve.keypair()
        a shouldNotBe Curve.keypair()
        a.toString() shouldNotContain a.secretKey
        Curve.keypairFromSecret(a.secretKey) shouldBe a
    }

    test("libzmq's documented example keys (zmq_curve man page): the public key of the secret key") {
        Curve.publicKey("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs") shouldBe "Yne@\$w-vo<fVvi]a<NY6T1ed:M\$fCG*[IaLV{hID"
    }

    test("keys of the wrong size are refused") {
        shouldThrow<IllegalArgumentException> { Curve.publicKey("tooShort") }
        shouldThrow<IllegalArgumentException> { Curve.publicKey(ByteArray(31)) }
        shouldThrow<IllegalArgumentException> { CurveKeyPair(ByteArray(32), ByteArray(33)) }
    }

    test("pyzmq's curve_public agrees with Curve.publicKey, and the reverse").config(enabledOrReasonIf = Python.pyzmq) {
        val ours = Curve.keypair()
        val script = """
            import sys, zmq
            print(zmq.curve_public(sys.argv[1].encode()).decode())
            public, secret = zmq.curve_keypair()
            print(public.decode()); print(secret.decode())
        """.trimIndent()
        val lines = Python.run(script, ours.secretKey).lines()
        lines[0] shouldBe ours.publicKey
        Curve.publicKey(lines[2]) shouldBe lines[1]
    }
})
