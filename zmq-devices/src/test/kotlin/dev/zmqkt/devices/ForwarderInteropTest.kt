package dev.zmqkt.devices

import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.support.Peers
import dev.zmqkt.support.io
import dev.zmqkt.support.peer
import dev.zmqkt.support.within
import dev.zmqkt.support.withTestContext
import io.kotest.core.spec.style.FunSpec
import io.kotest.core.test.config.DefaultTestConfig
import io.kotest.matchers.shouldBe
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

private fun subscription(topic: String) = Message.of(byteArrayOf(1) + topic.toByteArray())

/**
 * The zguide's pub-sub forwarder: a libzmq publisher (pyzmq XPUB, verbose, so it shows every subscription it
 * gets) -> zmq-kt's [proxy] between an XSUB and an XPUB -> late subscribers, libzmq's and zmq-kt's.
 */
class ForwarderInteropTest : FunSpec({
    defaultTestConfig = DefaultTestConfig(enabledOrReasonIf = Peers.libzmq)

    test("late subscribers' subscriptions reach the publisher through the proxy, and each gets its topics") {
        withTestContext { ctx -> peer { lz ->
            coroutineScope {
                lz.socket("XPUB", "pub", mapOf("XPUB_VERBOSE" to 1))
                val publisherAt = lz.bind("tcp://127.0.0.1:*", "pub")
                val frontend = ctx.socket(SocketType.XSUB).apply { connect(publisherAt) }
                val backend = ctx.socket(SocketType.XPUB)
                val subscribersAt = backend.bind("tcp://127.0.0.1:*")
                val forwarder = launch { proxy(frontend, backend) }

                // Subscribers that come after the forwarder started.
                lz.socket("SUB", "sub")
                lz.subscribe("weather", sock = "sub")
                lz.connect(subscribersAt, "sub")
                io { lz.receive("pub") } shouldBe subscription("weather")
                val ktSub = ctx.socket(SocketType.SUB).apply { subscribe("news"); connect(subscribersAt) }
                io { lz.receive("pub") } shouldBe subscription("news")

                io {
                    lz.send(Message.of("sport", "not wanted"), "pub")
                    lz.send(Message.of("weather", "sunny"), "pub")
                    lz.send(Message.of("news", "hello"), "pub")
                }
                io { lz.receive("sub") } shouldBe Message.of("weather", "sunny")
                within { ktSub.receive() } shouldBe Message.of("news", "hello")

                // A cancel travels up too, once the last subscriber of the topic is gone.
                ktSub.unsubscribe("news")
                io { lz.receive("pub") } shouldBe Message.of(byteArrayOf(0) + "news".toByteArray())
                forwarder.cancelAndJoin()
            }
        } }
    }

    for (verbose in listOf(false, true)) {
        test("the forwarder's XPUB_VERBOSE ${if (verbose) "passes every" else "folds repeated"} subscriptions upstream") {
            withTestContext { ctx -> peer { lz ->
                coroutineScope {
                    lz.socket("XPUB", "pub", mapOf("XPUB_VERBOSE" to 1))
                    val frontend = ctx.socket(SocketType.XSUB).apply { connect(lz.bind("tcp://127.0.0.1:*", "pub")) }
                    val backend = ctx.socket(SocketType.XPUB).apply { xpubVerbose = verbose }
                    val subscribersAt = backend.bind("tcp://127.0.0.1:*")
                    val forwarder = launch { proxy(frontend, backend) }
                    val first = ctx.socket(SocketType.SUB).apply { subscribe("same"); connect(subscribersAt) }
                    io { lz.receive("pub") } shouldBe subscription("same")
                    // libzmq's SUB sends the subscriptions it holds when it connects in prefix order, so "same"
                    // goes before "zz-marker": the marker shows whether the forwarder let the repeat through.
                    lz.socket("SUB", "second")
                    lz.subscribe("same", "zz-marker", sock = "second")
                    lz.connect(subscribersAt, "second")
                    if (verbose) io { lz.receive("pub") } shouldBe subscription("same")
                    io { lz.receive("pub") } shouldBe subscription("zz-marker")
                    first.close()
                    forwarder.cancelAndJoin()
                }
            } }
        }
    }

    test("the forwarder's XPUB_WELCOME_MSG greets each late subscriber, libzmq's and zmq-kt's") {
        withTestContext { ctx -> peer { lz ->
            coroutineScope {
                lz.socket("XPUB", "pub")
                val frontend = ctx.socket(SocketType.XSUB).apply { connect(lz.bind("tcp://127.0.0.1:*", "pub")) }
                val backend = ctx.socket(SocketType.XPUB).apply { xpubWelcomeMessage = "WELCOME".toByteArray() }
                val subscribersAt = backend.bind("tcp://127.0.0.1:*")
                val forwarder = launch { proxy(frontend, backend) }
                val ktSub = ctx.socket(SocketType.SUB).apply { subscribe("WELCOME"); connect(subscribersAt) }
                within { ktSub.receive() } shouldBe Message.of("WELCOME")
                lz.socket("SUB", "sub")
                lz.subscribe("WELCOME", sock = "sub")
                lz.connect(subscribersAt, "sub")
                io { lz.receive("sub") } shouldBe Message.of("WELCOME")
                forwarder.cancelAndJoin()
            }
        } }
    }
})
