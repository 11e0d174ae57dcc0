package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.InvalidEndpointException
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.assertions.throwables.shouldThrow
import io.kotest.core.spec.style.FunSpec
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.collections.shouldHaveSize
import io.kotest.matchers.nulls.shouldBeNull
import io.kotest.matchers.shouldBe
import io.kotest.matchers.string.shouldContain
import io.kotest.matchers.string.shouldStartWith
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.withContext
import java.time.Duration

/** Live threads of in-JVM devices. */
private fun deviceThreads(): List<Thread> = Thread.getAllStackTraces().keys.filter { it.name.startsWith("zmq-kt-device-") && it.isAlive }

/** Live child processes running a device. */
private fun deviceProcesses(): List<ProcessHandle> = ProcessHandle.current().children()
    .filter { it.isAlive && it.info().commandLine().orElse("").contains("DeviceProcessMain") }.toList()

private enum class Mode { COROUTINE, THREAD, PROCESS }

/**
 * Each device class in each background mode: configured by socket types and libzmq option names, started as a
 * coroutine, on a thread and in a JVM of its own, moving real traffic over tcp, and ending with nothing left
 * running: no coroutine in the scope, no device thread, no device process.
 */
class DeviceModesTest : FunSpec({
    /** A streamer (PULL in, PUSH out) of each class, with its extra sockets bound on loopback. */
    val shapes: List<Pair<String, () -> AbstractDevice<*>>> = listOf(
        "Device" to { Device(SocketType.PULL, SocketType.PUSH) },
        "Proxy" to { Proxy(SocketType.PULL, SocketType.PUSH, SocketType.PUSH).bindMon("tcp://127.0.0.1:*") },
        "ProxySteerable" to {
            ProxySteerable(SocketType.PULL, SocketType.PUSH, SocketType.PUSH, SocketType.PAIR)
                .bindMon("tcp://127.0.0.1:*").bindCtrl("tcp://127.0.0.1:*")
        },
        "MonitoredQueue" to {
            MonitoredQueue(SocketType.PULL, SocketType.PUSH, SocketType.PUSH, "from-in".toByteArray())
                .bindMon("tcp://127.0.0.1:*")
        },
    )

    for ((name, make) in shapes) for (mode in Mode.entries) {
        test("$name, ${mode.name.lowercase()}: moves traffic, reports its endpoints, and leaves nothing running when closed") {
            withTestContext { ctx ->
                val device = make()
                    .bindIn("tcp://127.0.0.1:*")
                    .bindOut("tcp://127.0.0.1:*")
                    .setOptionIn("LINGER", 500)
                    .setOptionOut("LINGER", 500)
                    .setOptionOut("SNDHWM", 5000)
                val scopeJob = Job()
                when (mode) {
                    Mode.COROUTINE -> device.start(CoroutineScope(Dispatchers.Default + scopeJob))
                    Mode.THREAD -> device.startThread()
                    Mode.PROCESS -> withContext(Dispatchers.IO) { device.startProcess(listOf("-Xmx128m")) }
                }
                device.isStarted shouldBe true
                device.boundIn shouldHaveSize 1
                device.boundIn[0] shouldStartWith "tcp://127.0.0.1:"
                when (mode) {
                    Mode.THREAD -> deviceThreads() shouldHaveSize 1
                    Mode.PROCESS -> {
                        deviceProcesses().map { it.pid() } shouldBe listOf(device.processId)
                    }
                    Mode.COROUTINE -> scopeJob.children.toList() shouldHaveSize 1
                }

                val push = ctx.socket(SocketType.PUSH).apply { connect(device.boundIn[0]) }
                val pull = ctx.socket(SocketType.PULL).apply { connect(device.boundOut[0]) }
                val mon = (device as? AbstractProxy<*>)?.let { ctx.socket(SocketType.PULL).apply { connect(it.boundMon[0]) } }
                val count = 1000
                for (i in 0 until count) push.send(Message.of("$i", "payload"))
                within(30_000) { for (i in 0 until count) pull.receive() shouldBe Message.of("$i", "payload") }
                if (mon != null) {
                    val prefix = if (device is MonitoredQueue) listOf("from-in") else emptyList()
                    within(30_000) {
                        for (i in 0 until count) mon.receive().toStrings() shouldBe prefix + listOf("$i", "payload")
                    }
                }
                if (device is ProxySteerable) {
                    val control = ctx.socket(SocketType.PAIR).apply { connect(device.boundCtrl[0]) }
                    control.send(ProxyCommand.STATISTICS.toMessage())
                    val stats = ProxyStatistics.fromMessage(within { control.receive() })
                    stats.frontendMessagesIn shouldBe count.toLong()
                    stats.backendMessagesOut shouldBe count.toLong()
                }

                when (mode) {
                    Mode.COROUTINE -> device.stop()
                    else -> withContext(Dispatchers.IO) { device.close() }
                }
                device.isDone shouldBe true
                device.failure.shouldBeNull()
                deviceThreads().shouldBeEmpty()
                deviceProcesses().shouldBeEmpty()
                if (mode == Mode.PROCESS) ProcessHandle.of(device.processId!!).map { it.isAlive }.orElse(false) shouldBe false
                scopeJob.children.toList().shouldBeEmpty()
                scopeJob.cancel()
            }
        }
    }

    for (mode in listOf(Mode.THREAD, Mode.PROCESS)) {
        test("ProxySteerable, ${mode.name.lowercase()}: TERMINATE ends the device normally, and its thread or process") {
            withTestContext { ctx ->
                val device = ProxySteerable(SocketType.ROUTER, SocketType.DEALER, SocketType.PUB, SocketType.REP)
                    .bindIn("tcp://127.0.0.1:*").bindOut("tcp://127.0.0.1:*").bindCtrl("tcp://127.0.0.1:*")
                withContext(Dispatchers.IO) { if (mode == Mode.THREAD) device.startThread() else device.startProcess() }
                val control = ctx.socket(SocketType.REQ).apply { connect(device.boundCtrl[0]) }
                control.send(ProxyCommand.TERMINATE.toMessage())
                within { control.receive() } shouldBe Message.of(dev.zmqkt.Frame.EMPTY)
                within { device.join() }
                device.failure.shouldBeNull()
                withContext(Dispatchers.IO) { device.close() } // already ended: returns at once
                deviceThreads().shouldBeEmpty()
                deviceProcesses().shouldBeEmpty()
            }
        }
    }

    test("a device in this JVM ends cleanly when its context is terminated under it") {
        val ctx = Context()
        val device = Device(SocketType.XSUB, SocketType.XPUB, ctx).bindIn("inproc://ended-in").bindOut("inproc://ended-out").startThread()
        deviceThreads() shouldHaveSize 1
        ctx.terminate()
        within { device.join() }
        device.failure.shouldBeNull()
        withContext(Dispatchers.IO) { device.close() }
        deviceThreads().shouldBeEmpty()
    }

    test("a socket that cannot be made fails the start: at once in this JVM, with the child's reason for a process") {
        val inJvm = Device(SocketType.PULL, SocketType.PUSH).bindIn("tcp://no-such-host.invalid:5555")
        shouldThrow<InvalidEndpointException> { inJvm.startThread() }
        inJvm.isDone shouldBe true
        deviceThreads().shouldBeEmpty()

        val inProcess = Device(SocketType.PULL, SocketType.PUSH).bindIn("tcp://no-such-host.invalid:5555")
        val error = shouldThrow<DeviceProcessException> { withContext(Dispatchers.IO) { inProcess.startProcess() } }
        error.message shouldContain "InvalidEndpointException"
        inProcess.isDone shouldBe true
        deviceProcesses().shouldBeEmpty()
    }

    test("configuration is checked as it is given, and only before the start") {
        val device = Device(SocketType.ROUTER, SocketType.DEALER)
        shouldThrow<dev.zmqkt.InvalidOptionException> { device.setOptionIn("NO_SUCH_OPTION", 1) }
        shouldThrow<dev.zmqkt.InvalidOptionException> { device.setOptionIn("SNDHWM", "lots") }
        shouldThrow<IllegalStateException> { Device(SocketType.PAIR, null).bindOut("inproc://x") }
        val port = device.bindInToRandomPort("tcp://127.0.0.1", 40000, 40100)
        (port in 40000 until 40100) shouldBe true
        device.startThread()
        device.boundIn shouldBe listOf("tcp://127.0.0.1:$port")
        shouldThrow<IllegalStateException> { device.bindOut("tcp://127.0.0.1:*") }
        shouldThrow<IllegalStateException> { device.startThread() }
        withContext(Dispatchers.IO) { device.close(Duration.ZERO) }
        deviceThreads().shouldBeEmpty()
    }
})
