package dev.zmqkt.internal.transport

import dev.zmqkt.InvalidEndpointException
import dev.zmqkt.UnsupportedTransportException
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.shouldBe
import io.kotest.matchers.types.shouldBeInstanceOf

class EndpointTest : FunSpec({
    test("tcp forms") {
        Endpoint.parse("tcp://127.0.0.1:5555", false) shouldBe Endpoint.Tcp("tcp://127.0.0.1:5555", "127.0.0.1", 5555)
        Endpoint.parse("tcp://*:5555", true) shouldBe Endpoint.Tcp("tcp://*:5555", "*", 5555)
        Endpoint.parse("tcp://127.0.0.1:*", true) shouldBe Endpoint.Tcp("tcp://127.0.0.1:*", "127.0.0.1", 0)
        Endpoint.parse("tcp://[::1]:80", false) shouldBe Endpoint.Tcp("tcp://[::1]:80", "::1", 80)
        Endpoint.parse("tcp://localhost:1", false) shouldBe Endpoint.Tcp("tcp://localhost:1", "localhost", 1)
    }

    test("other transports") {
        Endpoint.parse("ipc:///tmp/x.sock", true).shouldBeInstanceOf<Endpoint.Ipc>().path shouldBe "/tmp/x.sock"
        Endpoint.parse("inproc://name", true).shouldBeInstanceOf<Endpoint.Inproc>().name shouldBe "name"
    }

    test("malformed endpoints raise InvalidEndpointException") {
        for (bad in listOf(
            "", "tcp", "tcp://", "tcp://127.0.0.1", "tcp://127.0.0.1:", "tcp://:5555", "tcp://127.0.0.1:65536",
            "tcp://127.0.0.1:-1", "tcp://127.0.0.1:12ab", "tcp://::1:5555", "tcp://[::1:5555", "tcp://[]:5",
            "tcp://a b:5", "://x", "tcp:/x:1", "tcp://[127.0.0.1]:5", "ipc://", "inproc://",
        )) {
            shouldThrow<InvalidEndpointException> { Endpoint.parse(bad, true) }
        }
    }

    test("wildcards cannot be connected to") {
        shouldThrow<InvalidEndpointException> { Endpoint.parse("tcp://*:5555", false) }
        shouldThrow<InvalidEndpointException> { Endpoint.parse("tcp://127.0.0.1:*", false) }
        shouldThrow<InvalidEndpointException> { Endpoint.parse("tcp://127.0.0.1:0", false) }
    }

    test("unknown transports raise UnsupportedTransportException") {
        shouldThrow<UnsupportedTransportException> { Endpoint.parse("pgm://eth0;239.1.1.1:5555", true) }
        shouldThrow<UnsupportedTransportException> { Endpoint.parse("udp://1.2.3.4:5", true) }
        shouldThrow<UnsupportedTransportException> { Endpoint.parse("foo://bar", false) }
    }
})
