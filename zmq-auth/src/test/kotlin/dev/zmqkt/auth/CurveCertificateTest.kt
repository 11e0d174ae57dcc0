package dev.zmqkt.auth

import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermission

class CurveCertificateTest : FunSpec({
    val pair = Curve.keypair()

    fun write(dir: Path, name: String, text: String): Path = dir.resolve(name).also { Files.writeString(it, text) }

    test("create writes name.key (public) and name.key_secret (both keys); load reads them back") {
        val dir = tempdir().toPath()
        val (publicFile, secretFile) = CurveCertificate.create(dir, "server", mapOf("name" to "server one"))
        publicFile shouldBe dir.resolve("server.key")
        secretFile shouldBe dir.resolve("server.key_secret")
        val secret = CurveCertificate.load(secretFile)
        val public = CurveCertificate.load(publicFile)
        secret.hasSecretKey shouldBe true
        public.hasSecretKey shouldBe false
        public.publicKey shouldBe secret.publicKey
        Curve.publicKey(secret.secretKey!!) shouldBe secret.publicKey
        secret.metadata shouldBe mapOf("name" to "server one")
        public.metadata shouldBe mapOf("name" to "server one")
        Files.readString(publicFile) shouldNotContain "secret-key"
        Files.readString(secretFile) shouldContain "    secret-key = \"${secret.secretKey}\""
    }

    test("the secret file is readable by its owner only") {
        val dir = tempdir().toPath()
        val (_, secretFile) = CurveCertificate.create(dir, "c")
        if (Files.getFileStore(secretFile).supportsFileAttributeView("posix")) {
            Files.getPosixFilePermissions(secretFile) shouldBe setOf(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)
        }
    }

    test("save and load round trip, metadata with quotes included") {
        val dir = tempdir().toPath()
        val cert = CurveCertificate.of(pair, linkedMapOf("email" to "a@b.c", "quote" to "say \"hi\"", "empty" to ""))
        cert.save(dir.resolve("a.key_secret"))
        CurveCertificate.load(dir.resolve("a.key_secret")) shouldBe cert
        cert.publicCertificate().save(dir.resolve("a.key"))
        CurveCertificate.load(dir.resolve("a.key")) shouldBe cert.publicCertificate()
        cert.keyPair() shouldBe pair
        shouldThrow<IllegalStateException> { cert.publicCertificate().keyPair() }
    }

    test("czmq's layout: comments, bare and single-quoted values, CRLF line ends, comments after values") {
        val dir = tempdir().toPath()
        val file = write(
            dir, "czmq.key_secret",
            "#   ****  Generated on 2014-01-01 by CZMQ  ****\r\n#   ZeroMQ CURVE **Secret** Certificate\r\n\r\n" +
                "metadata\r\n    name = 'node 1'   # a comment\r\n    bare = value with spaces\r\n" +
                "curve\r\n    public-key = \"${pair.publicKey}\"\r\n    secret-key = '${pair.secretKey}'\r\n",
        )
        val cert = CurveCertificate.load(file)
        cert.keyPair() shouldBe pair
        cert.metadata shouldBe mapOf("name" to "node 1", "bare" to "value with spaces")
    }

    test("loadDirectory reads the public keys of *.key files only, sorted by name") {
        val dir = tempdir().toPath()
        val b = CurveCertificate.create(dir, "b")
        val a = CurveCertificate.create(dir, "a")
        write(dir, "notes.txt", "not a certificate")
        val loaded = CurveCertificate.loadDirectory(dir)
        loaded.map { it.publicKey } shouldContainExactly listOf(a, b).map { CurveCertificate.load(it.publicFile).publicKey }
        loaded.all { !it.hasSecretKey } shouldBe true
    }

    context("bad files raise CertificateException with the file and the reason") {
        val dir = tempdir().toPath()
        val cases = mapOf(
            "no public key" to ("metadata\ncurve\n" to "no public-key"),
            "a short key" to ("curve\n    public-key = \"abc\"\n" to "public-key is not a CURVE key"),
            "a key with a bad character" to ("curve\n    public-key = \"${pair.publicKey.dropLast(1)}~\"\n" to "public-key is not a CURVE key"),
            "a secret key of another pair" to
                ("curve\n    public-key = \"${pair.publicKey}\"\n    secret-key = \"${Curve.keypair().secretKey}\"\n" to "does not belong"),
            "a property outside any section" to ("    public-key = \"${pair.publicKey}\"\n" to "outside any section"),
            "a line without =" to ("curve\n    public-key\n" to "expected 'name = value'"),
            "an unclosed quote" to ("curve\n    public-key = \"${pair.publicKey}\n" to "no closing"),
            "binary garbage" to ("\u0000\u0001\u0002" to "not a section name"),
        )
        for ((name, case) in cases) {
            test(name) {
                val file = write(dir, "bad.key", case.first)
                val e = shouldThrow<CertificateException> { CurveCertificate.load(file) }
                e.file shouldBe file
                e.reason shouldContain case.second
                e.message shouldContain file.toString()
            }
        }
        test("a missing file") {
            shouldThrow<CertificateException> { CurveCertificate.load(dir.resolve("missing.key")) }.reason shouldBe "no such file"
        }
        test("a directory that is not one") {
            shouldThrow<CertificateException> { CurveCertificate.loadDirectory(dir.resolve("missing")) }.reason shouldBe "not a directory"
        }
        test("one bad file in a directory names that file") {
            val sub = Files.createDirectory(dir.resolve("certs"))
            CurveCertificate.create(sub, "good")
            val bad = write(sub, "bad.key", "curve\n")
            shouldThrow<CertificateException> { CurveCertificate.loadDirectory(sub) }.file shouldBe bad
        }
    }

    test("metadata that cannot be written is refused") {
        shouldThrow<IllegalArgumentException> { CurveCertificate.of(pair, mapOf("bad name" to "x")) }
        shouldThrow<IllegalArgumentException> { CurveCertificate.of(pair, mapOf("name" to "two\nlines")) }
        shouldThrow<IllegalArgumentException> { CurveCertificate.of(pair, mapOf("name" to "\"both'")) }
    }
})
