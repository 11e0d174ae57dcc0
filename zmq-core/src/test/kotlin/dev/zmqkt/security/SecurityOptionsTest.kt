package dev.zmqkt.security

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.MechanismUnavailableException
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.Z85
import dev.zmqkt.internal.mechanism.MechanismRegistry
import dev.zmqkt.support.ChecksumMechanism
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain

/** The security options follow libzmq's `options.cpp`: which mechanism the last option set chooses, sizes, names. */
@OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)
class SecurityOptionsTest : FunSpec({
    test("defaults: NULL, no credentials, empty ZAP domain") {
        val o = SocketOptions.defaults()
        o.mechanism shouldBe SecurityMechanism.NULL
        o.plainServer shouldBe false
        o.plainUsername shouldBe null
        o.curveServer shouldBe false
        o.curveServerKey shouldBe null
        o.zapDomain shouldBe ""
        o.zapEnforceDomain shouldBe false
        o.metadata shouldBe emptyMap()
    }

    test("the last option set chooses the mechanism and the role") {
        val o = SocketOptions.defaults()
        o.plainServer = true
        o.mechanism shouldBe SecurityMechanism.PLAIN
        o.plainUsername = "admin" // a PLAIN client now
        o.plainServer shouldBe false
        o.mechanism shouldBe SecurityMechanism.PLAIN
        o.plainServer = true
        o.plainServer = false
        o.mechanism shouldBe SecurityMechanism.NULL
        o.plainPassword = "secret"
        o.mechanism shouldBe SecurityMechanism.PLAIN
        o.plainPassword = null
        o.mechanism shouldBe SecurityMechanism.NULL
        o.plainUsername shouldBe "admin" // credentials stay, only the choice changed
    }

    test("by name, as pyzmq users set them; MECHANISM can be read, not set") {
        val o = SocketOptions.defaults()
        o.setOption("PLAIN_SERVER", 1)
        o.getOption("ZMQ_MECHANISM") shouldBe SecurityMechanism.PLAIN
        o.getOption("plain_server") shouldBe true
        o.setOption("ZMQ_PLAIN_USERNAME", "user".toByteArray())
        o.setOption("PLAIN_PASSWORD", "pass")
        o.plainUsername shouldBe "user"
        o.plainPassword shouldBe "pass"
        o.setOption("ZAP_DOMAIN", "global")
        o.setOption("ZAP_ENFORCE_DOMAIN", "true")
        o.zapDomain shouldBe "global"
        o.zapEnforceDomain shouldBe true
        o.setOption("METADATA", "X-Foo:bar")
        o.setOption("METADATA", "X-Baz:a:b".toByteArray())
        o.metadata shouldBe mapOf("X-Foo" to "bar", "X-Baz" to "a:b")
        shouldThrow<InvalidOptionException> { o.setOption("MECHANISM", 1) }.message shouldContain "read"
        SecurityMechanism.fromCode(2) shouldBe SecurityMechanism.CURVE
    }

    test("bad values raise InvalidOptionException and keep the old value") {
        val o = SocketOptions.defaults()
        shouldThrow<InvalidOptionException> { o.plainUsername = "" }
        shouldThrow<InvalidOptionException> { o.plainPassword = "x".repeat(256) }
        shouldThrow<InvalidOptionException> { o.zapDomain = "d".repeat(256) }
        shouldThrow<InvalidOptionException> { o.metadata = mapOf("Foo" to "bar") } // not X-
        shouldThrow<InvalidOptionException> { o.setOption("METADATA", "X-Foo") } // no value
        shouldThrow<InvalidOptionException> { o.setOption("METADATA", "X Foo:bar") }
        o.mechanism shouldBe SecurityMechanism.NULL
        o.plainUsername shouldBe null
    }

    test("without a CURVE implementation on the class path, turning CURVE on raises MechanismUnavailableException") {
        val o = SocketOptions.defaults()
        shouldThrow<MechanismUnavailableException> { o.curveServer = true }.message shouldContain "zmq-auth"
        shouldThrow<MechanismUnavailableException> { o.curveSecretKey = ByteArray(32) }
        shouldThrow<MechanismUnavailableException> { o.setOption("CURVE_SERVERKEY", "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7") }
        o.curveServer = false // turning it off needs nothing
        o.mechanism shouldBe SecurityMechanism.NULL
        // a key of a wrong size is refused for what it is, before the question of the implementation
        shouldThrow<InvalidOptionException> { o.curvePublicKey = ByteArray(31) }
    }

    test("CURVE keys take 32 bytes or 40 Z85 characters and read back as 32 bytes; other sizes are refused") {
        MechanismRegistry.withTestProvider(ChecksumMechanism()) {
            val raw = ByteArray(32) { (it * 7).toByte() }
            val text = Z85.encode(raw)
            val o = SocketOptions.defaults()
            o.curvePublicKey = raw
            o.curvePublicKey!!.contentEquals(raw) shouldBe true
            o.mechanism shouldBe SecurityMechanism.CURVE
            o.setOption("CURVE_SECRETKEY", text)
            o.curveSecretKey!!.contentEquals(raw) shouldBe true
            o.curveServerKey = text.toByteArray() // 40 bytes of Z85, as pyzmq passes them
            o.curveServerKey!!.contentEquals(raw) shouldBe true
            o.setOption("CURVE_SERVERKEY", text.toByteArray() + 0) // 41 bytes, a C string
            o.curveServerKey!!.contentEquals(raw) shouldBe true
            for (size in listOf(0, 31, 33, 39, 42, 64)) {
                shouldThrow<InvalidOptionException> { o.curvePublicKey = ByteArray(size) }
            }
            shouldThrow<InvalidOptionException> { o.setOption("CURVE_PUBLICKEY", "~".repeat(40)) }.message shouldContain "Z85"
            o.curvePublicKey!!.contentEquals(raw) shouldBe true
            o.curveServer = true
            o.curveServer shouldBe true
            o.curveSecretKey = raw // a key keeps the role
            o.curveServer shouldBe true
            o.curveServerKey = raw // the server's key makes a client
            o.curveServer shouldBe false
            o.mechanism shouldBe SecurityMechanism.CURVE
        }
    }

    test("copying options keeps the mechanism and role; a context's defaults reach new sockets") {
        withTestContext { ctx ->
            ctx.defaultOptions.plainUsername = "admin"
            ctx.defaultOptions.plainServer = true
            val socket = ctx.socket(SocketType.DEALER)
            socket.mechanism shouldBe SecurityMechanism.PLAIN
            socket.plainServer shouldBe true
            socket.plainUsername shouldBe "admin"
            val copy = SocketOptions.defaults().apply { copyFrom(socket) }
            copy.mechanism shouldBe SecurityMechanism.PLAIN
            copy.plainServer shouldBe true
        }
    }
})
