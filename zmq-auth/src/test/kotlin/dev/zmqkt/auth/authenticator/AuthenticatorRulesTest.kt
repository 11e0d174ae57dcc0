package dev.zmqkt.auth.authenticator

import ch.qos.logback.classic.Level
import ch.qos.logback.classic.Logger
import ch.qos.logback.classic.spi.ILoggingEvent
import ch.qos.logback.core.read.ListAppender
import dev.zmqkt.Frame
import dev.zmqkt.auth.Authenticator
import dev.zmqkt.auth.Curve
import dev.zmqkt.auth.CurveCertificate
import dev.zmqkt.auth.CurveCredentialsProvider
import dev.zmqkt.auth.support.ZapRequester
import dev.zmqkt.auth.support.withAuthenticator
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.engine.spec.tempdir
import io.kotest.matchers.collections.shouldContainExactly
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldNotContain
import kotlinx.coroutines.CompletableDeferred
import kotlinx.coroutines.async
import kotlinx.coroutines.CoroutineStart
import org.slf4j.LoggerFactory

/**
 * The Authenticator's decisions, request by request, as a ZAP client sees them: status, pyzmq's reason texts,
 * the User-Id, the request id echoed, malformed requests, and the log line each decision leaves.
 */
class AuthenticatorRulesTest : FunSpec({
    val key = Curve.keypair()
    val other = Curve.keypair()

    test("NULL with no policy: 200 anonymous") {
        withAuthenticator { ctx, _ ->
            ZapRequester(ctx).use { zap ->
                val r = zap.ask("NULL", requestId = "42")
                listOf(r.version, r.requestId, r.status, r.text, r.userId) shouldBe listOf("1.0", "42", "200", "OK", "anonymous")
                r.metadata.size shouldBe 0
            }
        }
    }

    test("address lists: deny refuses every mechanism; allow admits NULL only from listed addresses, PLAIN and CURVE still authenticate") {
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                auth.deny("10.0.0.1")
                zap.ask("NULL", address = "10.0.0.1").let { it.status to it.text } shouldBe ("400" to "Address denied")
                zap.askPlain("admin", "secret", address = "10.0.0.1").text shouldBe "Address denied"
                zap.askCurve(key.publicKeyBytes(), address = "10.0.0.1").text shouldBe "Address denied"
                zap.ask("NULL", address = "10.0.0.2").status shouldBe "200"
            }
        }
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                auth.allow("10.0.0.1", "::1")
                zap.ask("NULL", address = "10.0.0.1").let { it.status to it.userId } shouldBe ("200" to "anonymous")
                zap.ask("NULL", address = "::1").status shouldBe "200"
                zap.ask("NULL", address = "10.0.0.2").let { it.status to it.text } shouldBe ("400" to "Address not allowed")
                zap.askPlain("admin", "secret", address = "10.0.0.1").let { it.status to it.text } shouldBe ("400" to "No passwords defined")
                zap.askCurve(key.publicKeyBytes(), address = "10.0.0.1").let { it.status to it.text } shouldBe ("400" to "Unknown domain")
                auth.configurePlain(mapOf("admin" to "secret"))
                zap.askPlain("admin", "secret", address = "10.0.0.1").let { it.status to it.userId } shouldBe ("200" to "admin")
                zap.askPlain("admin", "secret", address = "10.0.0.2").text shouldBe "Address not allowed"
                // a mechanism the Authenticator does not know passes from an allowed address only (pyzmq)
                zap.ask("GSSAPI", "x".toByteArray(), address = "10.0.0.1").status shouldBe "200"
                zap.ask("GSSAPI", "x".toByteArray(), address = "10.0.0.2").status shouldBe "400"
            }
        }
    }

    test("allow and deny exclude each other, both ways") {
        withAuthenticator { _, auth ->
            auth.allow("1.2.3.4")
            shouldThrow<IllegalArgumentException> { auth.deny("5.6.7.8") }
        }
        withAuthenticator { _, auth ->
            auth.deny("1.2.3.4")
            shouldThrow<IllegalArgumentException> { auth.allow("5.6.7.8") }
        }
    }

    test("PLAIN: pyzmq's reasons for each failure; '*' is the default domain, not a wildcard") {
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                zap.askPlain("admin", "secret").text shouldBe "No passwords defined"
                auth.configurePlain(emptyMap()) // pyzmq: nothing configured by an empty map
                zap.askPlain("admin", "secret").text shouldBe "No passwords defined"
                auth.configurePlain("*", mapOf("admin" to "secret"))
                zap.askPlain("admin", "secret").let { it.status to it.userId } shouldBe ("200" to "admin")
                zap.askPlain("admin", "secret", domain = "*").status shouldBe "200"
                zap.askPlain("admin", "wrong").let { Triple(it.status, it.text, it.userId) } shouldBe Triple("400", "Invalid password", "")
                zap.askPlain("nobody", "secret").text shouldBe "Invalid username"
                zap.askPlain("admin", "secret", domain = "global").text shouldBe "Invalid domain"
                auth.configurePlain("global", mapOf("g" to "pw"))
                zap.askPlain("g", "pw", domain = "global").userId shouldBe "g"
                zap.askPlain("g", "pw").text shouldBe "Invalid username"
                zap.ask("PLAIN", "admin".toByteArray()).let { it.status to it.text } shouldBe ("400" to "Invalid credentials")
            }
        }
    }

    test("CURVE: certificate directory, CURVE_ALLOW_ANY, callback, per domain; the User-Id is the Z85 key or the mapper's") {
        val dir = tempdir().toPath()
        CurveCertificate.of(key).publicCertificate().save(dir.resolve("client.key"))
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                zap.askCurve(key.publicKeyBytes()).let { it.status to it.text } shouldBe ("400" to "Unknown domain")
                auth.configureCurve("*", dir)
                zap.askCurve(key.publicKeyBytes()).let { Triple(it.status, it.text, it.userId) } shouldBe Triple("200", "OK", key.publicKey)
                zap.askCurve(other.publicKeyBytes()).let { Triple(it.status, it.text, it.userId) } shouldBe Triple("400", "Unknown key", "")
                zap.askCurve(key.publicKeyBytes(), domain = "global").text shouldBe "Unknown domain"

                auth.configureCurve("global", Authenticator.CURVE_ALLOW_ANY)
                zap.askCurve(other.publicKeyBytes(), domain = "global").status shouldBe "200"
                zap.askCurve(other.publicKeyBytes()).text shouldBe "Unknown key" // ALLOW_ANY of "global" is not "*"'s

                auth.configureCurveCallback("cb") { domain, clientKey -> domain == "cb" && clientKey == other.publicKey }
                zap.askCurve(other.publicKeyBytes(), domain = "cb").status shouldBe "200"
                zap.askCurve(key.publicKeyBytes(), domain = "cb").text shouldBe "Unknown key"

                auth.curveUserId = { k -> "user-of-${k.take(5)}" }
                zap.askCurve(key.publicKeyBytes()).userId shouldBe "user-of-${key.publicKey.take(5)}"

                zap.ask("CURVE", key.publicKeyBytes(), key.publicKeyBytes()).text shouldBe "Invalid credentials"
                zap.ask("CURVE", ByteArray(31)).text shouldBe "Invalid credentials"
            }
        }
    }

    test("a callback that throws or fails its future: 500 Internal error, and the handler keeps serving") {
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                auth.configureCurveCallback { _, _ -> error("database down") }
                zap.askCurve(key.publicKeyBytes()).let { it.status to it.text } shouldBe ("500" to "Internal error")
                auth.configureCurveCallback("*", CurveCredentialsProvider { _, _ -> java.util.concurrent.CompletableFuture.failedFuture(IllegalStateException("down")) })
                zap.askCurve(key.publicKeyBytes()).status shouldBe "500"
                zap.ask("NULL").status shouldBe "200"
            }
        }
    }

    test("a slow callback delays only its own request: others are answered meanwhile") {
        withAuthenticator { ctx, auth ->
            val release = CompletableDeferred<Boolean>()
            auth.configureCurveCallback("slow") { _, _ -> release.await() }
            auth.configureCurve("*", Authenticator.CURVE_ALLOW_ANY)
            ZapRequester(ctx).use { slow ->
                ZapRequester(ctx).use { fast ->
                    val pending = async(start = CoroutineStart.UNDISPATCHED) { slow.askCurve(key.publicKeyBytes(), domain = "slow") }
                    fast.askCurve(key.publicKeyBytes()).status shouldBe "200"
                    fast.ask("NULL").status shouldBe "200"
                    pending.isCompleted shouldBe false
                    release.complete(true)
                    pending.await().status shouldBe "200"
                }
            }
        }
    }

    test("malformed requests: wrong version, too few frames (answered 400 when there is a request id)") {
        withAuthenticator { ctx, _ ->
            ZapRequester(ctx).use { zap ->
                val wrongVersion = zap.raw(*listOf("2.0", "9", "", "127.0.0.1", "", "NULL").map { Frame.of(it) }.toTypedArray())
                wrongVersion.map { it.decodeToString() } shouldContainExactly listOf("1.0", "9", "400", "Invalid version", "", "")
                val short = zap.raw(Frame.of("1.0"), Frame.of("5"), Frame.of(""))
                short.map { it.decodeToString() } shouldContainExactly listOf("1.0", "5", "400", "Not enough frames", "", "")
                zap.ask("NULL").status shouldBe "200" // still serving
            }
        }
    }

    test("reconfiguring while running applies to the next request") {
        withAuthenticator { ctx, auth ->
            ZapRequester(ctx).use { zap ->
                auth.configurePlain(mapOf("a" to "1"))
                zap.askPlain("a", "1").status shouldBe "200"
                auth.configurePlain(mapOf("a" to "2"))
                zap.askPlain("a", "1").text shouldBe "Invalid password"
                zap.askPlain("a", "2").status shouldBe "200"
                auth.deny("127.0.0.1")
                zap.askPlain("a", "2").text shouldBe "Address denied"
            }
        }
    }

    test("every decision is logged at DEBUG with its reason; passwords never") {
        val logger = LoggerFactory.getLogger(Authenticator::class.java) as Logger
        val appender = ListAppender<ILoggingEvent>().apply { start() }
        val level = logger.level
        logger.level = Level.DEBUG
        logger.addAppender(appender)
        try {
            withAuthenticator { ctx, auth ->
                ZapRequester(ctx).use { zap ->
                    auth.configurePlain(mapOf("admin" to "s3cret-pw"))
                    zap.askPlain("admin", "wrong-pw")
                    zap.askPlain("admin", "s3cret-pw")
                    auth.deny("10.9.8.7")
                    zap.ask("NULL", address = "10.9.8.7")
                    zap.raw(Frame.of("1.0"), Frame.of("5"))
                }
            }
        } finally {
            logger.detachAppender(appender)
            logger.level = level
        }
        val lines = appender.list.map { "${it.level} ${it.formattedMessage}" }
        val text = lines.joinToString("\n")
        text shouldContain "DEBUG DENIED (PLAIN) domain='' address='127.0.0.1' username=admin: 400 Invalid password"
        text shouldContain "DEBUG ALLOWED (PLAIN) domain='' address='127.0.0.1' username=admin: 200 OK (User-Id 'admin')"
        text shouldContain "DEBUG DENIED (NULL) domain='' address='10.9.8.7': 400 Address denied"
        text shouldContain "WARN Invalid ZAP message, 2 frames (request id 5): refused"
        text shouldNotContain "s3cret-pw"
        text shouldNotContain "wrong-pw"
    }
})
