package dev.zmqkt

import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.ints.shouldBeInRange
import io.kotest.matchers.shouldBe
import io.kotest.matchers.shouldNotBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import java.net.ServerSocket
import java.time.Duration

/** pyzmq's conveniences: per-call timeouts, bind_to_random_port, has/version, get_monitor_socket. */
class ConveniencesTest : FunSpec({
    test("send and receive with a timeout raise AgainException, whatever the socket's timeouts") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val e = shouldThrow<AgainException> { pull.receive(Duration.ofMillis(30)) }
            e.errorName shouldBe "EAGAIN"
            val push = ctx.socket(SocketType.PUSH) // no peer: nothing can take a message
            shouldThrow<AgainException> { push.send(Message.of("x"), Duration.ofMillis(30)) }

            pull.receiveTimeout = Duration.ofMillis(10)
            push.connect(pull.bind("tcp://127.0.0.1:*"))
            push.send(Message.of("in time"), Duration.ofSeconds(10))
            pull.receive(Duration.ofSeconds(10))[0].decodeToString() shouldBe "in time"
        }
    }

    test("bindToRandomPort binds a port in the range and returns it") {
        withTestContext { ctx ->
            val pull = ctx.socket(SocketType.PULL)
            val port = pull.bindToRandomPort("tcp://127.0.0.1", minPort = 40000, maxPort = 50000)
            port shouldBeInRange (40000 until 50000)
            pull.lastEndpoint shouldBe "tcp://127.0.0.1:$port"
            val push = ctx.socket(SocketType.PUSH).apply { connect("tcp://127.0.0.1:$port") }
            push.send(Message.of("found"))
            within { pull.receive()[0].decodeToString() } shouldBe "found"
            pull.bindToRandomPort("tcp://127.0.0.1") shouldBeInRange (49152 until 65536)
        }
    }

    test("bindToRandomPort raises AddressInUseException when every port tried is taken, and checks its arguments") {
        withTestContext { ctx ->
            val s = ctx.socket(SocketType.PULL)
            ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1")).use { busy ->
                val taken = busy.localPort
                val e = shouldThrow<AddressInUseException> {
                    s.bindToRandomPort("tcp://127.0.0.1", minPort = taken, maxPort = taken + 1, maxTries = 3)
                }
                e.message shouldStartWith "Could not bind socket to random port."
                e.errorName shouldBe "EADDRINUSE"
            }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("tcp://127.0.0.1:5555") }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("ipc:///tmp/x") }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("tcp://127.0.0.1", minPort = 0) }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("tcp://127.0.0.1", minPort = 6000, maxPort = 6000) }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("tcp://127.0.0.1", maxPort = 70000) }
            shouldThrow<IllegalArgumentException> { s.bindToRandomPort("tcp://127.0.0.1", maxTries = 0) }
            shouldThrow<InvalidEndpointException> { s.bindToRandomPort("tcp://no-such-host.invalid") }
            s.bindToRandomPort("tcp://[::1]") shouldBeInRange (49152 until 65536)
        }
    }

    test("Zmq reports capabilities and versions") {
        Zmq.has("ipc") shouldBe true
        Zmq.has("IPC") shouldBe true
        for (name in listOf("curve", "pgm", "tipc", "norm", "gssapi", "draft", "nonsense")) Zmq.has(name) shouldBe false
        Zmq.zmtpVersion shouldBe "3.1"
        Zmq.libzmqVersion shouldBe ZmqVersion(4, 3, 0)
        (Zmq.libzmqVersion > ZmqVersion(4, 2, 9)) shouldBe true
        Zmq.libzmqVersion.toString() shouldBe "4.3.0"
        Zmq.version shouldNotBe "unknown"
        Zmq.version shouldContain "."
    }

    test("monitorSocket returns a connected PAIR that receives the events; disableMonitor ends them") {
        withTestContext { ctx ->
            val server = ctx.socket(SocketType.REP)
            val monitor = server.monitorSocket(SocketEventType.LISTENING, SocketEventType.ACCEPTED, SocketEventType.MONITOR_STOPPED)
            monitor.type shouldBe SocketType.PAIR
            val endpoint = server.bind("tcp://127.0.0.1:*")
            ctx.socket(SocketType.REQ).connect(endpoint)
            val listening = SocketEvent.fromMonitorMessage(within { monitor.receive() })
            listening.type shouldBe SocketEventType.LISTENING
            listening.endpoint shouldBe endpoint
            SocketEvent.fromMonitorMessage(within { monitor.receive() }).type shouldBe SocketEventType.ACCEPTED
            server.disableMonitor()
            SocketEvent.fromMonitorMessage(within { monitor.receive() }).type shouldBe SocketEventType.MONITOR_STOPPED

            // each call gets its own endpoint; a second socket's monitor does not see the first's events
            val other = ctx.socket(SocketType.PULL).monitorSocket()
            other.lastEndpoint shouldNotBe monitor.lastEndpoint
        }
    }
})
