@file:OptIn(dev.zmqkt.mechanism.ZmqMechanismApi::class)

package dev.zmqkt.security

import dev.zmqkt.Message
import dev.zmqkt.ProtocolError
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.support.RawZmtpPeer
import dev.zmqkt.support.SecurityConfigs
import dev.zmqkt.support.TestZapHandler
import dev.zmqkt.support.assertNothingReceived
import dev.zmqkt.support.bounce
import dev.zmqkt.support.expectEvent
import dev.zmqkt.support.io
import dev.zmqkt.support.readCommand
import dev.zmqkt.support.securityClient
import dev.zmqkt.support.securityServer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.coroutineScope
import java.time.Duration

/** libzmq's `test_security_plain.cpp`, and PLAIN's rules from RFC 24 and libzmq's `plain_server.cpp`. */
class SecurityPlainTest : FunSpec({
    test("correct user name and password: the handshake succeeds; ZAP saw the credentials and the server's routing id") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use { handler ->
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    server.mechanism shouldBe SecurityMechanism.PLAIN
                    val client = ctx.securityClient(endpoint, SecurityConfigs.plainClient)
                    client.mechanism shouldBe SecurityMechanism.PLAIN
                    client.plainServer shouldBe false
                    bounce(server, client)
                    val request = within { handler.requests.receive() }
                    request.mechanism shouldBe "PLAIN"
                    request.routingId shouldBe "IDENT"
                    request.credentialTexts shouldBe listOf(TestZapHandler.USER, TestZapHandler.PASSWORD)
                }
            }
        }
    }

    test("the server role does not depend on bind or connect: a PLAIN server may connect to a binding client") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use {
                    val client = ctx.securityClient(null, SecurityConfigs.plainClient)
                    val endpoint = client.bind("tcp://127.0.0.1:*")
                    val server = ctx.securityClient(endpoint, SecurityConfigs.plainServer)
                    bounce(server, client)
                }
            }
        }
    }

    test("wrong credentials: ZAP refuses with 400 and both sides report an authentication failure") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use {
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val serverFailed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    val client = ctx.securityClient(null) { plainUsername = "wronguser"; plainPassword = "wrongpass" }
                    val clientFailed = expectEvent(client, SocketEventType.HANDSHAKE_FAILED_AUTH)
                    client.connect(endpoint)
                    client.send(Message.of("sneaky"))
                    serverFailed.await().value shouldBe 400
                    clientFailed.await().value shouldBe 400
                    assertNothingReceived(server)
                }
            }
        }
    }

    test("a client set up as a server too: neither side speaks first, and the handshake times out") {
        withTestContext(handshake = Duration.ofMillis(300)) { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use { handler ->
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
                    ctx.securityClient(endpoint, SecurityConfigs.plainServer).send(Message.of("sneaky"))
                    failed.await()
                    assertNothingReceived(server)
                    handler.requests.tryReceive().getOrNull() shouldBe null // caught by PLAIN, never passed to ZAP
                }
            }
        }
    }

    test("without any ZAP handler a PLAIN server refuses every client (EFAULT), enforced or not") {
        withTestContext { ctx ->
            val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_NO_DETAIL)
            ctx.securityClient(endpoint, SecurityConfigs.plainClient).send(Message.of("sneaky"))
            failed.await().value shouldBe MechanismException.EFAULT.toLong()
            assertNothingReceived(server)
        }
    }

    test("a NULL client cannot talk to a PLAIN server: mechanism mismatch") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use {
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                    ctx.securityClient(endpoint) {}.send(Message.of("sneaky"))
                    failed.await().value shouldBe ProtocolError.ZMTP_MECHANISM_MISMATCH.toLong()
                    assertNothingReceived(server)
                }
            }
        }
    }

    test("a vanilla socket's ZMTP 1.0 greeting and message never reach the server") {
        withTestContext { ctx ->
            coroutineScope {
                TestZapHandler(ctx, this).use {
                    val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                    val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                    io {
                        RawZmtpPeer.connect(endpoint).use { raw ->
                            raw.write(byteArrayOf(1, 0)) // anonymous ZMTP 1.0 greeting
                            raw.write(byteArrayOf(8, 0) + "sneaky".toByteArray() + 0)
                            raw.closedByPeer() shouldBe true
                        }
                    }
                    failed.await()
                    assertNothingReceived(server)
                }
            }
        }
    }

    context("hostile input against a PLAIN server: the connection is dropped with libzmq's event, then a healthy client still gets through") {
        fun hello(data: ByteArray) = Command("HELLO", data).encode()
        val hostile = listOf(
            Triple("a HELLO without user name", hello(ByteArray(0)), ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO),
            Triple("a HELLO cut inside the user name", hello(byteArrayOf(5, 'a'.code.toByte())), ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO),
            Triple("a HELLO whose user name length overruns it (255)", hello(byteArrayOf(-1) + ByteArray(10)), ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO),
            Triple("a HELLO without password", hello(byteArrayOf(1, 'a'.code.toByte())), ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO),
            Triple("a HELLO with bytes after the password", hello(byteArrayOf(1, 'a'.code.toByte(), 1, 'b'.code.toByte(), 0)), ProtocolError.ZMTP_MALFORMED_COMMAND_HELLO),
            Triple("READY instead of HELLO", Command("READY", ByteArray(0)).encode(), ProtocolError.ZMTP_UNEXPECTED_COMMAND),
            Triple("a garbage command name", Command("XYZZY", ByteArray(300) { it.toByte() }).encode(), ProtocolError.ZMTP_UNEXPECTED_COMMAND),
            Triple("a command whose name length overruns it", byteArrayOf(40, 'H'.code.toByte()), ProtocolError.ZMTP_MALFORMED_COMMAND_UNSPECIFIED),
        )
        for ((what, body, code) in hostile) {
            test(what) {
                withTestContext { ctx ->
                    coroutineScope {
                        TestZapHandler(ctx, this).use {
                            val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                            val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                            io {
                                RawZmtpPeer.connect(endpoint).use { raw ->
                                    raw.sendGreeting(mechanism = "PLAIN")
                                    raw.readGreeting().mechanism shouldBe "PLAIN"
                                    raw.sendFrame(dev.zmqkt.internal.codec.FrameFlags.COMMAND, body)
                                    raw.closedByPeer() shouldBe true
                                }
                            }
                            failed.await().value shouldBe code.toLong()
                            bounce(server, ctx.securityClient(endpoint, SecurityConfigs.plainClient))
                        }
                    }
                }
            }
        }

        test("a message frame instead of HELLO, and garbage after a good HELLO") {
            withTestContext { ctx ->
                coroutineScope {
                    TestZapHandler(ctx, this).use {
                        val (server, endpoint) = ctx.securityServer(SecurityConfigs.plainServer)
                        val failed = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                        io {
                            RawZmtpPeer.connect(endpoint).use { raw ->
                                raw.sendGreeting(mechanism = "PLAIN")
                                raw.readGreeting()
                                raw.sendMessage("sneaky")
                                raw.closedByPeer() shouldBe true
                            }
                        }
                        failed.await().value shouldBe ProtocolError.ZMTP_UNEXPECTED_COMMAND.toLong()
                        val second = expectEvent(server, SocketEventType.HANDSHAKE_FAILED_PROTOCOL)
                        io {
                            RawZmtpPeer.connect(endpoint).use { raw ->
                                raw.sendGreeting(mechanism = "PLAIN")
                                raw.readGreeting()
                                val user = TestZapHandler.USER.toByteArray()
                                val password = TestZapHandler.PASSWORD.toByteArray()
                                raw.sendCommand(Command("HELLO", byteArrayOf(user.size.toByte()) + user + password.size.toByte() + password))
                                raw.readCommand().name shouldBe "WELCOME"
                                raw.write(ByteArray(64) { 0x7F }) // garbage where INITIATE belongs: reserved flag bits
                                raw.closedByPeer() shouldBe true
                            }
                        }
                        second.await()
                        assertNothingReceived(server)
                        bounce(server, ctx.securityClient(endpoint, SecurityConfigs.plainClient))
                    }
                }
            }
        }
    }
})
