package dev.zmqkt.auth.internal.curve

import dev.zmqkt.auth.internal.crypto.CryptoBox
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.matchers.shouldBe

/** Test helpers: a client and a server with fresh long-term keys, driven by hand. */
internal class CurvePair(
    val clientMetadata: ByteArray = properties("Socket-Type" to "DEALER", "Identity" to ""),
    val serverMetadata: ByteArray = properties("Socket-Type" to "ROUTER"),
) {
    val serverKeys = CryptoBox.keyPair()
    val clientKeys = CryptoBox.keyPair()
    val client = CurveClientHandshake(clientKeys.first, clientKeys.second, serverKeys.first, clientMetadata)
    val server = CurveServerHandshake(serverKeys.second, serverMetadata)

    fun hello(): CurveCommand = client.nextCommand()!!.also { it.name shouldBe "HELLO" }

    /** HELLO in, WELCOME out. */
    fun welcome(hello: CurveCommand = hello()): CurveCommand {
        server.receive(hello)
        return server.nextCommand()!!.also { it.name shouldBe "WELCOME" }
    }

    /** Up to the client's INITIATE. */
    fun initiate(): CurveCommand {
        client.receive(welcome())
        return client.nextCommand()!!.also { it.name shouldBe "INITIATE" }
    }

    /** Runs the whole handshake. */
    fun complete() {
        server.receive(initiate())
        server.accept()
        client.receive(server.nextCommand()!!)
        client.isComplete shouldBe true
        server.isComplete shouldBe true
    }

    companion object {
        /** ZMTP metadata of [pairs]. */
        fun properties(vararg pairs: Pair<String, String>): ByteArray {
            val out = java.io.ByteArrayOutputStream()
            for ((name, value) in pairs) {
                out.write(name.length)
                out.write(name.toByteArray())
                val v = value.toByteArray()
                out.write(byteArrayOf((v.size ushr 24).toByte(), (v.size ushr 16).toByte(), (v.size ushr 8).toByte(), v.size.toByte()))
                out.write(v)
            }
            return out.toByteArray()
        }
    }
}

/** Asserts that [block] fails with protocol error [code]. */
internal inline fun shouldFailWith(code: Int, block: () -> Unit): CurveProtocolException {
    val e = shouldThrow<CurveProtocolException>(block)
    Integer.toHexString(e.code) shouldBe Integer.toHexString(code)
    return e
}

/** A copy of [command] with [edit] applied to its data. */
internal fun CurveCommand.edited(edit: (ByteArray) -> ByteArray): CurveCommand = CurveCommand(name, edit(data.copyOf()))

/** A copy of [data] with one bit flipped at [index]. */
internal fun flip(data: ByteArray, index: Int): ByteArray = data.also { it[index] = (it[index].toInt() xor 1).toByte() }
