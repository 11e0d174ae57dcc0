package dev.zmqkt.ssh

import dev.zmqkt.ssh.internal.TunnelTarget
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe

class SshServerAddressTest : FunSpec({
    test("user@host:port, as pyzmq writes servers") {
        SshServerAddress.parse("alice@example.com:2222") shouldBe SshServerAddress("alice", "example.com", 2222)
        SshServerAddress.parse("alice@example.com") shouldBe SshServerAddress("alice", "example.com", 22)
        SshServerAddress.parse("example.com").user shouldBe System.getProperty("user.name")
        SshServerAddress.parse("bob@[::1]:22") shouldBe SshServerAddress("bob", "::1", 22)
        SshServerAddress.parse("bob@::1").host shouldBe "::1"
        SshServerAddress("bob", "::1", 2200).toString() shouldBe "bob@[::1]:2200"
        shouldThrow<IllegalArgumentException> { SshServerAddress.parse("a@h:x") }
        shouldThrow<IllegalArgumentException> { SshServerAddress.parse("a@h:0") }
        shouldThrow<IllegalArgumentException> { SshServerAddress.parse("a@") }
    }

    test("tunnel targets are tcp endpoints with a host and a port") {
        TunnelTarget.parse("tcp://10.0.0.5:5555").let { (it.host to it.port) shouldBe ("10.0.0.5" to 5555) }
        TunnelTarget.parse("tcp://[::1]:5555").host shouldBe "::1"
        shouldThrow<dev.zmqkt.InvalidEndpointException> { TunnelTarget.parse("ipc:///x") }
        shouldThrow<dev.zmqkt.InvalidEndpointException> { TunnelTarget.parse("tcp://*:5555") }
        shouldThrow<dev.zmqkt.InvalidEndpointException> { TunnelTarget.parse("tcp://h:*") }
    }
})
