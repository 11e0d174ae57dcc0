package dev.zmqkt.samples

import dev.zmqkt.Context
import dev.zmqkt.Message
import dev.zmqkt.SocketType
import dev.zmqkt.devices.Device
import dev.zmqkt.devices.proxy
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import java.time.Duration

/**
 * zmq-devices from Kotlin: the zguide's request-reply broker (a [proxy] between a ROUTER and a DEALER, run as a
 * coroutine) and its pub-sub forwarder (a [Device] between an XSUB and an XPUB, on a thread of its own), each
 * with its peers. Returns the lines it printed. The marked parts are the README's.
 */
suspend fun devicesDemo(): List<String> {
    val printed = ArrayList<String>()
    fun println(line: Any) {
        printed += line.toString()
        kotlin.io.println(line)
    }
    val ctx = Context()
    ctx.defaultOptions.linger = Duration.ofSeconds(1)
    try {
        coroutineScope {
            // readme:kotlin-broker
            // A broker: REQ clients connect to its ROUTER, REP workers to its DEALER.
            val frontend = ctx.socket(SocketType.ROUTER).apply { bind("tcp://127.0.0.1:*") }
            val backend = ctx.socket(SocketType.DEALER).apply { bind("tcp://127.0.0.1:*") }
            val broker = launch { proxy(frontend, backend) }         // until cancelled, or a socket closes

            val worker = ctx.socket(SocketType.REP).apply { connect(backend.lastEndpoint!!) }
            val working = launch { while (true) worker.send(Message.of("hello, " + worker.receive()[0].decodeToString())) }
            val client = ctx.socket(SocketType.REQ).apply { connect(frontend.lastEndpoint!!) }
            client.send(Message.of("broker"))
            println(client.receive()[0].decodeToString())             // hello, broker
            // readme:end
            working.cancel()
            broker.cancel()

            // readme:kotlin-forwarder
            // A forwarder on a thread of its own: publishers connect to its XSUB, subscribers to its XPUB.
            val forwarder = Device(SocketType.XSUB, SocketType.XPUB)
                .bindIn("tcp://127.0.0.1:*")
                .bindOut("tcp://127.0.0.1:*")
                .startThread()                                          // or start(scope), or startProcess()
            val publisher = ctx.socket(SocketType.XPUB).apply { connect(forwarder.boundIn[0]) }
            val subscriber = ctx.socket(SocketType.SUB).apply { subscribe("weather"); connect(forwarder.boundOut[0]) }
            publisher.receive()                                         // the subscription, through the forwarder
            publisher.send(Message.of("weather", "sunny"))
            println(subscriber.receive().toStrings())                   // [weather, sunny]
            forwarder.stop()                                            // close() from Java or outside coroutines
            // readme:end
        }
    } finally {
        ctx.terminate()
    }
    return printed
}
