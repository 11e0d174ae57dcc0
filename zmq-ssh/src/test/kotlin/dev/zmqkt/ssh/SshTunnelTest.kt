package dev.zmqkt.ssh

import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketEventType
import dev.zmqkt.SocketType
import dev.zmqkt.ssh.support.Keys
import dev.zmqkt.ssh.support.Leaks
import dev.zmqkt.ssh.support.TestSshServer
import dev.zmqkt.support.withTestContext
import dev.zmqkt.support.within
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.flow.first
import java.net.ConnectException
import java.net.InetSocketAddress
import java.net.ServerSocket
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration

/** A REP socket bound on loopback, its port allowed through [server]; returns the endpoint. */
private fun Socket.servedThrough(server: TestSshServer): String {
    val endpoint = bind("tcp://127.0.0.1:*")
    server.allowedPorts += endpoint.substringAfterLast(':').toInt()
    return endpoint
}

/** [rounds] request/reply exchanges, the REP answering each request with "re:" in front. */
private suspend fun converse(req: Socket, rep: Socket, rounds: Int, tag: String = "") {
    repeat(rounds) { i ->
        req.send(Message.of("q$tag$i"))
        val q = within { rep.receive() }
        rep.send(Message.of("re:" + q[0].decodeToString()))
        within { req.receive() }[0].decodeToString() shouldBe "re:q$tag$i"
    }
}

private fun passwordOptions(server: TestSshServer, known: Path = server.knownHosts()) = SshTunnelOptions {
    password(TestSshServer.PASSWORD)
    knownHosts(known)
    agent(false)
}

/** SSH tunnels through an in-process MINA server: authentication, host keys, restarts, cleanup. */
class SshTunnelTest : FunSpec({
    val dir = Files.createTempDirectory("zmqkt-ssh-test")

    test("REQ/REP through a tunnel authenticated by password") {
        TestSshServer().use { server ->
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ)
                val tunnel = req.tunnelConnection(target, server.address, passwordOptions(server))
                tunnel.localEndpoint shouldStartWith "tcp://127.0.0.1:"
                tunnel.state.value shouldBe SshTunnelState.CONNECTED
                converse(req, rep, 20)
                tunnel.close()
            }
        }
    }

    test("key files, plain and encrypted; the server sees only the key") {
        TestSshServer().use { server ->
            val (pair, file) = Keys.write(dir, "RSA", 2048)
            val (encryptedPair, encryptedFile) = Keys.write(dir, "EC", 256, passphrase = "s3cret")
            server.authorizedKeys += pair.public
            server.authorizedKeys += encryptedPair.public
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                for (options in listOf(
                    SshTunnelOptions { keyFile(file); knownHosts(server.knownHosts()); agent(false) },
                    SshTunnelOptions { keyFile(encryptedFile); keyPassphrase("s3cret"); knownHosts(server.knownHosts()); agent(false) },
                )) {
                    val req = ctx.socket(SocketType.REQ).apply { linger = Duration.ZERO }
                    val tunnel = req.tunnelConnection(target, server.address, options)
                    converse(req, rep, 3)
                    req.close()
                    within { tunnel.state.first { it == SshTunnelState.CLOSED } }
                }
                shouldThrow<SshKeyFileException> {
                    SshTunnel.open(target, server.address, SshTunnelOptions { keyFile(encryptedFile); keyPassphrase("wrong") })
                }.message shouldContain encryptedFile.toString()
            }
        }
    }

    test("a wrong password fails with SshAuthenticationException, leaving no thread or file descriptor") {
        TestSshServer().use { server ->
            val known = server.knownHosts()
            val leaks = Leaks.snapshot()
            val e = shouldThrow<SshAuthenticationException> {
                SshTunnel.open("tcp://127.0.0.1:1", server.address, SshTunnelOptions { password("wrong"); knownHosts(known); agent(false) })
            }
            e.message shouldContain "refused every credential"
            leaks.assertNoneLeft()
        }
    }

    test("an unknown host key and a changed one fail with SshHostKeyException; accept-any only when asked") {
        TestSshServer().use { server ->
            val empty = Files.createTempFile(dir, "known_hosts", "")
            val unknown = shouldThrow<SshHostKeyException> {
                SshTunnel.open("tcp://127.0.0.1:1", server.address, passwordOptions(server, empty))
            }
            unknown.changed shouldBe false
            unknown.fingerprint!! shouldStartWith "SHA256:"
            unknown.message shouldContain "is not in $empty"

            val other = TestSshServer().use { it.hostKey }
            val wrong = Files.createTempFile(dir, "known_hosts", "").also {
                Files.writeString(it, "[127.0.0.1]:${server.port} ${org.apache.sshd.common.config.keys.PublicKeyEntry.toString(other)}\n")
            }
            val changed = shouldThrow<SshHostKeyException> {
                SshTunnel.open("tcp://127.0.0.1:1", server.address, passwordOptions(server, wrong))
            }
            changed.changed shouldBe true
            changed.message shouldContain "differs"

            // a missing known_hosts file means every key is unknown
            shouldThrow<SshHostKeyException> {
                SshTunnel.open("tcp://127.0.0.1:1", server.address, passwordOptions(server, dir.resolve("no-such-file")))
            }
            val any = SshTunnel.open("tcp://127.0.0.1:1", server.address, SshTunnelOptions {
                password(TestSshServer.PASSWORD); acceptAnyHostKey(); knownHosts(empty); agent(false)
            })
            any.isOpen shouldBe true
            any.close()
        }
    }

    test("no SSH server at the address fails with SshConnectException") {
        val unused = ServerSocket(0).use { it.localPort }
        shouldThrow<SshConnectException> {
            SshTunnel.open("tcp://127.0.0.1:1", "alice@127.0.0.1:$unused", SshTunnelOptions { password("x"); timeout(Duration.ofSeconds(5)) })
        }.cause!!.let { generateSequence(it) { c -> c.cause }.any { c -> c is ConnectException } } shouldBe true
    }

    test("the SSH server restarting mid-conversation: the tunnel reconnects and the conversation goes on") {
        TestSshServer().use { server ->
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ)
                val tunnel = req.tunnelConnection(target, server.address, passwordOptions(server))
                converse(req, rep, 5, "a")
                val lost = req.monitor(SocketEventType.DISCONNECTED)
                server.stop()
                within { tunnel.state.first { it == SshTunnelState.RECONNECTING } }
                // Once the REQ has seen its connection go (a message written before that would be lost with it,
                // as with any peer that goes away), the request waits in the REQ and goes once the tunnel is back.
                within { lost.first() }
                req.send(Message.of("during the outage"))
                server.restart()
                within(30_000) { rep.receive() }[0].decodeToString() shouldBe "during the outage"
                rep.send(Message.of("answered"))
                within { req.receive() }[0].decodeToString() shouldBe "answered"
                tunnel.state.value shouldBe SshTunnelState.CONNECTED
                tunnel.reconnects shouldBe 1
                converse(req, rep, 5, "b")
                tunnel.close()
            }
        }
    }

    test("when the local port was taken during the outage, the tunnel binds another and moves the socket") {
        TestSshServer().use { server ->
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ)
                val tunnel = req.tunnelConnection(target, server.address, passwordOptions(server))
                converse(req, rep, 2, "a")
                val oldPort = tunnel.localPort
                server.stop()
                within { tunnel.state.first { it == SshTunnelState.RECONNECTING } }
                ServerSocket().use { squatter ->
                    squatter.reuseAddress = true
                    squatter.bind(InetSocketAddress("127.0.0.1", oldPort))
                    server.restart()
                    within(30_000) { tunnel.state.first { it == SshTunnelState.CONNECTED } }
                    (tunnel.localPort != oldPort) shouldBe true
                    converse(req, rep, 3, "b")
                }
                tunnel.close()
            }
        }
    }

    test("the tunnel closes when its socket closes, and leaves no thread or file descriptor") {
        TestSshServer().use { server ->
            val known = server.knownHosts()
            // once, so that the classes and the JDK's own lazily made resources are loaded before counting
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ).apply { linger = Duration.ZERO }
                val t = req.tunnelConnection(target, server.address, passwordOptions(server, known))
                converse(req, rep, 1)
                req.close()
                within { t.state.first { it == SshTunnelState.CLOSED } }
            }
            val leaks = Leaks.snapshot()
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ).apply { linger = Duration.ofMillis(100) }
                val tunnel = req.tunnelConnection(target, server.address, passwordOptions(server, known))
                converse(req, rep, 3)
                req.close()
                within { tunnel.state.first { it == SshTunnelState.CLOSED } }
                tunnel.isOpen shouldBe false
                // the local port is closed
                shouldThrow<ConnectException> { java.net.Socket("127.0.0.1", tunnel.localPort).close() }
            }
            leaks.assertNoneLeft()
        }
    }

    test("the tunnel closes when its socket disconnects from it; closing the tunnel disconnects the socket") {
        TestSshServer().use { server ->
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.servedThrough(server)
                val req = ctx.socket(SocketType.REQ).apply { linger = Duration.ZERO }
                val tunnel = req.tunnelConnection(target, server.address, passwordOptions(server))
                converse(req, rep, 1)
                req.disconnect(tunnel.localEndpoint)
                within { tunnel.state.first { it == SshTunnelState.CLOSED } }

                val dealer = ctx.socket(SocketType.DEALER)
                val second = dealer.tunnelConnection(target, server.address, passwordOptions(server))
                second.close()
                // the socket no longer has the endpoint
                shouldThrow<dev.zmqkt.EndpointNotFoundException> { dealer.disconnect(second.localEndpoint) }
            }
        }
    }

    test("a forward the server refuses never reaches the target") {
        TestSshServer().use { server ->
            withTestContext { ctx ->
                val rep = ctx.socket(SocketType.REP)
                val target = rep.bind("tcp://127.0.0.1:*") // not in the server's allowed ports
                val tunnel = SshTunnel.open(target, server.address, passwordOptions(server))
                java.net.Socket("127.0.0.1", tunnel.localPort).use { raw ->
                    raw.soTimeout = 10_000
                    raw.getInputStream().read() shouldBe -1 // closed: the server refused to open the channel
                }
                server.refusedForwards shouldBe listOf("127.0.0.1:${target.substringAfterLast(':')}")
                tunnel.close()
            }
        }
    }

    test("bad arguments are refused before anything is opened") {
        shouldThrow<dev.zmqkt.InvalidEndpointException> { SshTunnel.open("ipc:///tmp/x", "a@h") }
        shouldThrow<dev.zmqkt.InvalidEndpointException> { SshTunnel.open("tcp://127.0.0.1:*", "a@h") }
        shouldThrow<IllegalArgumentException> { SshTunnel.open("tcp://127.0.0.1:1", "a@h:notaport") }
    }
})
