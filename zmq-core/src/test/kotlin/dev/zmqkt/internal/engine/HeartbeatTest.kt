package dev.zmqkt.internal.engine

import dev.zmqkt.Message
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Command
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

class HeartbeatTest : FunSpec({
    suspend fun <T> blocking(block: () -> T): T = withContext(Dispatchers.IO) { block() }

    test("PINGs go out every interval with our TTL; a peer that answers nothing is dropped after the timeout") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply {
                heartbeatInterval = Duration.ofMillis(100)
                heartbeatTimeout = Duration.ofMillis(400)
                heartbeatTtl = Duration.ofMillis(1500)
            }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val disconnected = expectEvent(pull, SocketEventType.DISCONNECTED)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.handshake("PUSH")
                        val ping = raw.readCommand()
                        ping.name shouldBe Command.PING
                        Command.pingTtl(ping) shouldBe 15
                        raw.readCommand().name shouldBe Command.PING
                        // stay silent: the socket must give up on us
                        raw.closedByPeer() shouldBe true
                    }
                }
                disconnected.await().reason!!.contains("PING") shouldBe true
            }
        }
    }

    test("a peer that answers PINGs stays connected") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL).apply {
                heartbeatInterval = Duration.ofMillis(50)
                heartbeatTimeout = Duration.ofMillis(200)
            }
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            blocking {
                RawZmtpPeer.connect(endpoint).use { raw ->
                    raw.handshake("PUSH")
                    repeat(10) {
                        val ping = raw.readCommand()
                        ping.name shouldBe Command.PING
                        raw.sendCommand(Command.pongFor(ping))
                    }
                    raw.sendMessage("alive")
                }
            }
            within { pull.receive() } shouldBe Message.of("alive")
        }
    }

    test("a PING is answered with a PONG carrying its context") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            blocking {
                RawZmtpPeer.connect(endpoint).use { raw ->
                    raw.handshake("PUSH")
                    raw.sendCommand(Command.ping(0, "ctx-123".toByteArray()))
                    val pong = raw.readCommand()
                    pong.name shouldBe Command.PONG
                    String(pong.data) shouldBe "ctx-123"
                }
            }
        }
    }

    test("when the peer's PING carries a TTL, silence beyond it drops the connection") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("tcp://127.0.0.1:*")
            coroutineScope {
                val disconnected = expectEvent(pull, SocketEventType.DISCONNECTED)
                blocking {
                    RawZmtpPeer.connect(endpoint).use { raw ->
                        raw.handshake("PUSH")
                        raw.sendCommand(Command.ping(3, ByteArray(0))) // 300 ms
                        raw.readCommand().name shouldBe Command.PONG
                        raw.closedByPeer() shouldBe true
                    }
                }
                disconnected.await().reason!!.contains("TTL") shouldBe true
            }
        }
    }
})
