@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.security

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.mechanism.MechanismRegistry
import dev.zmqkt.mechanism.ZmqMechanismApi
import dev.zmqkt.support.ChecksumMechanism
import dev.zmqkt.support.RawZmtpPeer
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.readCommand
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import java.nio.ByteBuffer
import kotlin.random.Random

/**
 * The extension point end to end, with a mechanism from outside zmq-core's internals ([ChecksumMechanism],
 * standing in for CURVE): the CURVE options choose it, its handshake runs, and every frame goes through its
 * FrameCodec both ways: multipart messages, empty, short, long and larger-than-a-buffer frames, commands.
 */
class MechanismExtensionTest : FunSpec({
    val key = ByteArray(32) { it.toByte() }

    suspend fun <T> withChecksum(block: suspend () -> T): T = MechanismRegistry.withTestProvider(ChecksumMechanism(), block)

    test("the CURVE options choose the provider found for CURVE, and frames of every size cross its codec in order") {
        withChecksum {
            withTestContext { ctx ->
                val pull = ctx.socket(SocketType.PULL).apply { curveServer = true; curveSecretKey = key }
                pull.mechanism shouldBe SecurityMechanism.CURVE
                val endpoint = pull.bind("tcp://127.0.0.1:*")
                val push = ctx.socket(SocketType.PUSH).apply {
                    curveServerKey = key
                    curvePublicKey = key
                    curveSecretKey = key
                    connect(endpoint)
                }
                push.curveServer shouldBe false
                val sizes = listOf(0, 1, 10, 200, 255, 256, 1000, 20_000, 200_000, 3_000_000)
                val sent = sizes.map { size ->
                    Message(listOf(Frame.of("size $size"), Frame.of(Random(size).nextBytes(size)), Frame.EMPTY))
                }
                push.sendAll(sent)
                for (expected in sent) {
                    val received = within { pull.receive() }
                    received shouldBe expected
                    received.property("Socket-Type") shouldBe "PUSH"
                }
            }
        }
    }

    test("commands after the handshake are wrapped too: subscriptions reach the publisher") {
        withChecksum {
            withTestContext { ctx ->
                val pub = ctx.socket(SocketType.PUB).apply { curveServer = true; curveSecretKey = key }
                val endpoint = pub.bind("tcp://127.0.0.1:*")
                val sub = ctx.socket(SocketType.SUB).apply { curveServerKey = key; connect(endpoint); subscribe("news") }
                // the publisher drops what no subscription matches: send until the subscription has arrived
                within {
                    while (true) {
                        pub.send(Message.of("news", "today"))
                        val got = try {
                            sub.receive(java.time.Duration.ofMillis(50))
                        } catch (_: dev.zmqkt.AgainException) {
                            continue
                        }
                        got.toStrings() shouldBe listOf("news", "today")
                        break
                    }
                }
            }
        }
    }

    test("a frame the codec refuses drops the connection with HANDSHAKE_FAILED_PROTOCOL; the socket keeps working") {
        withChecksum {
            withTestContext { ctx ->
                val pull = ctx.socket(SocketType.PULL).apply { curveServer = true; curveSecretKey = key }
                val endpoint = pull.bind("tcp://127.0.0.1:*")
                coroutineScope {
                    val refused = expectEvent(pull, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                    io {
                        RawZmtpPeer.connect(endpoint).use { raw ->
                            raw.sendGreeting(mechanism = "CURVE")
                            raw.readGreeting().mechanism shouldBe "CURVE"
                            raw.sendReady("PUSH")
                            raw.readCommand().name shouldBe Command.READY
                            val codec = ChecksumMechanism.Codec()
                            val good = ByteBuffer.allocate(codec.overhead + 2)
                            codec.wrap("ok".toByteArray(), 0, 2, 0, good)
                            raw.sendFrame(0, good.array()) // wrapped frames carry no wire COMMAND flag, as libzmq sends them
                            val bad = ByteBuffer.allocate(codec.overhead + 3)
                            codec.wrap("bad".toByteArray(), 0, 3, 0, bad)
                            bad.array()[bad.array().size - 1] = (bad.array().last() + 1).toByte()
                            raw.sendFrame(0, bad.array())
                            raw.closedByPeer() shouldBe true
                        }
                    }
                    refused.await().value shouldBe ProtocolError.ZMTP_CRYPTOGRAPHIC.toLong()
                }
                within { pull.receive() }.toStrings() shouldBe listOf("ok") // what came before is kept
                val push = ctx.socket(SocketType.PUSH).apply { curveServerKey = key; connect(endpoint) }
                push.send(Message.of("healthy"))
                within { pull.receive() }.toStrings() shouldBe listOf("healthy")
            }
        }
    }
})
