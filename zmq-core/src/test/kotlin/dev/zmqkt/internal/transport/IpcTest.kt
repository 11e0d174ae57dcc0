package dev.zmqkt.internal.transport

import dev.zmqkt.AddressInUseException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldStartWith
import java.net.StandardProtocolFamily
import java.net.UnixDomainSocketAddress
import java.nio.channels.ServerSocketChannel
import java.nio.file.Files
import java.nio.file.Path

class IpcTest : FunSpec({
    fun freshPath(): Path = Files.createTempDirectory("zmqkt-ipc").resolve("socket")

    test("ipc carries messages both ways; the socket file goes away on unbind and on close") {
        withTestContext { ctx ->
            val path = freshPath()
            val rep = ctx.socket(SocketType.REP)
            rep.bind("ipc://$path") shouldBe "ipc://$path"
            Files.exists(path) shouldBe true
            val req = ctx.socket(SocketType.REQ).apply { connect("ipc://$path") }
            req.send(Message.of("over", "ipc"))
            within { rep.receive() } shouldBe Message.of("over", "ipc")
            rep.send(Message.of(ByteArray(1 shl 20)))
            within { req.receive() }[0].size shouldBe (1 shl 20)
            rep.unbind("ipc://$path")
            Files.exists(path) shouldBe false

            val other = freshPath()
            val pull = ctx.socket(SocketType.PULL).apply { bind("ipc://$other") }
            pull.close()
            Files.exists(other) shouldBe false
        }
    }

    test("a stale socket file from a dead process does not block a bind; a live one does") {
        withTestContext { ctx ->
            val path = freshPath()
            // a socket file nobody listens on any more, as a crashed process leaves it
            ServerSocketChannel.open(StandardProtocolFamily.UNIX).use { it.bind(UnixDomainSocketAddress.of(path)) }
            Files.exists(path) shouldBe true
            val pull = ctx.socket(SocketType.PULL)
            pull.bind("ipc://$path")
            shouldThrow<AddressInUseException> { ctx.socket(SocketType.PULL).bind("ipc://$path") }
            val push = ctx.socket(SocketType.PUSH).apply { connect("ipc://$path") }
            push.send(Message.of("fine"))
            within { pull.receive() } shouldBe Message.of("fine")
        }
    }

    test("ipc://* binds a fresh file") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val endpoint = pull.bind("ipc://*")
            endpoint shouldStartWith "ipc://"
            val push = ctx.socket(SocketType.PUSH).apply { connect(endpoint) }
            push.send(Message.of("x"))
            within { pull.receive() } shouldBe Message.of("x")
        }
    }
})
