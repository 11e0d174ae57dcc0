package dev.zmqkt.auth

import dev.zmqkt.auth.support.Python
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.shouldBe

/** Certificate files cross between zmq-kt and pyzmq's `zmq.auth` in both directions. */
class CurveCertificateInteropTest : FunSpec({
    test("files written by pyzmq's create_certificates load in zmq-kt with the same keys").config(enabledOrReasonIf = Python.pyzmq) {
        val dir = tempdir().toPath()
        val script = """
            import sys, zmq.auth
            public_file, secret_file = zmq.auth.create_certificates(sys.argv[1], "peer", metadata={"role": "tester", "who": "py zmq"})
            public, secret = zmq.auth.load_certificate(secret_file)
            print(public.decode()); print(secret.decode())
        """.trimIndent()
        val (public, secret) = Python.run(script, dir.toString()).lines()
        val loaded = CurveCertificate.load(dir.resolve("peer.key_secret"))
        loaded.publicKey shouldBe public
        loaded.secretKey shouldBe secret
        loaded.metadata shouldBe mapOf("role" to "tester", "who" to "py zmq")
        CurveCertificate.load(dir.resolve("peer.key")).publicKey shouldBe public
        CurveCertificate.loadDirectory(dir).map { it.publicKey } shouldBe listOf(public)
    }

    test("files written by zmq-kt load in pyzmq's load_certificate and load_certificates").config(enabledOrReasonIf = Python.pyzmq) {
        val dir = tempdir().toPath()
        val (publicFile, secretFile) = CurveCertificate.create(dir, "kt", mapOf("name" to "zmq-kt"))
        CurveCertificate.create(dir, "other")
        val script = """
            import sys, zmq.auth
            public, secret = zmq.auth.load_certificate(sys.argv[1])
            print(public.decode()); print(secret.decode())
            public_only, none = zmq.auth.load_certificate(sys.argv[2])
            print(public_only.decode()); print(none)
            print(",".join(sorted(k.decode() for k in zmq.auth.load_certificates(sys.argv[3]))))
        """.trimIndent()
        val lines = Python.run(script, secretFile.toString(), publicFile.toString(), dir.toString()).lines()
        val ours = CurveCertificate.load(secretFile)
        lines[0] shouldBe ours.publicKey
        lines[1] shouldBe ours.secretKey
        lines[2] shouldBe ours.publicKey
        lines[3] shouldBe "None"
        lines[4] shouldBe CurveCertificate.loadDirectory(dir).map { it.publicKey }.sorted().joinToString(",")
    }
})
