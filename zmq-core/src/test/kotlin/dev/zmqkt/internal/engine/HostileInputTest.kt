package dev.zmqkt.internal.engine

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameFlags
import dev.zmqkt.ProtocolError
import dev.zmqkt.support.RawZmtpPeer
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.readCommand
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.withContext
import java.time.Duration

/** Peers that break the protocol are dropped; the socket keeps working and keeps what it already accepted. */
class HostileInputTest : FunSpec({
    suspend fun <T> blocking(block: () -> T): T = withContext(Dispatchers.IO) { block() }

    test("garbage instead of a greeting drops the connection; a real peer still works afterwards") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val failed = expectEvent(pull, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.write("GET / HTTP/1.1\r\nHost: example\r\n\r\n".toByteArray())
                        raw.closedByPeer() shouldBe true
                    }
                }
                failed.await()
            }
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("fine"))
            within { pull.receive() } shouldBe Message.of("fine")
        }
    }

    test("an incompatible socket type is refused with an ERROR command") {
        withTestContext { ctx ->
            val push = ctx.socket(SocketType.PUSH)
            val endpoint = push.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val failed = expectEvent(push, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.sendGreeting()
                        raw.readGreeting()
                        raw.sendReady("PUSH")
                        raw.readCommand().name shouldBe Command.READY
                        val error = raw.readCommand()
                        error.name shouldBe Command.ERROR
                        Command.errorReason(error) shouldBe "Invalid socket type"
                        raw.closedByPeer() shouldBe true
                    }
                }
                failed.await().value shouldBe ProtocolError.ZMTP_INVALID_METADATA.toLong()
            }
        }
    }

    test("a mechanism mismatch or a message before READY fails the handshake") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val failed = expectEvent(pull, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.sendGreeting(mechanism = "CURVE")
                        raw.closedByPeer() shouldBe true
                    }
                }
                failed.await().value shouldBe ProtocolError.ZMTP_MECHANISM_MISMATCH.toLong()
            }
            coroutineScope {
                val failed = expectEvent(pull, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.sendGreeting()
                        raw.sendMessage("too early")
                        raw.closedByPeer() shouldBe true
                    }
                }
                failed.await()
            }
        }
    }

    test("a silent peer is dropped when the handshake interval passes") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { handshakeInterval = Duration.ofMillis(200) }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val failed = expectEvent(pull, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                blocking { RawZmtpPeer.connect(endpoint).use { it.closedByPeer() shouldBe true } }
                failed.await()
            }
        }
    }

    test("a malformed frame after the handshake drops the connection; messages before it are delivered") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val disconnected = expectEvent(pull, SocketEventType.DISCONNECTED)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.handshake("PUSH")
                        raw.sendMessage("one")
                        raw.sendMessage("two", "parts")
                        raw.write(byteArrayOf(0xF0.toByte(), 1, 0)) // reserved bits set
                        raw.closedByPeer() shouldBe true
                    }
                }
                disconnected.await()
            }
            within { pull.receive() } shouldBe Message.of("one")
            within { pull.receive() } shouldBe Message.of("two", "parts")
        }
    }

    test("a frame over the maximum message size is refused from its header") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply { maxMessageSize = 1000 }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val disconnected = expectEvent(pull, SocketEventType.DISCONNECTED)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.handshake("PUSH")
                        raw.sendMessage("small")
                        // announce 2 GiB; send none of it
                        raw.write(java.nio.ByteBuffer.allocate(9).put(FrameFlags.LONG.toByte()).putLong(1L shl 31).array())
                        raw.closedByPeer() shouldBe true
                    }
                }
                disconnected.await()
            }
            within { pull.receive() } shouldBe Message.of("small")
        }
    }

    test("an ERROR from the peer ends its connection") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val disconnected = expectEvent(pull, SocketEventType.DISCONNECTED)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.handshake("PUSH")
                        raw.sendCommand(Command.error("go away"))
                        raw.closedByPeer() shouldBe true
                    }
                }
                disconnected.await().reason!!.contains("go away") shouldBe true
            }
        }
    }

    test("unknown commands after the handshake are ignored") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            blocking {
                RawZmtpPeer.connect(endpoint).use { raw ->
                    raw.handshake("PUSH")
                    raw.sendCommand(Command("X-FUTURE", byteArrayOf(1, 2, 3)))
                    raw.sendMessage("after")
                    kotlinx.coroutines.runBlocking { within { pull.receive() } } shouldBe Message.of("after")
                }
            }
        }
    }
})
