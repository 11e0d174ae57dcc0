package dev.zmqkt.support

import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.withContext
import org.zeromq.ZContext
import java.nio.file.Files

/** Runs [block] with a new libzmq peer process, started and stopped off the caller's thread. */
suspend fun <T> peer(block: suspend (LibzmqPeer) -> T): T {
    val p = withContext(Dispatchers.IO) { LibzmqPeer.start() }
    try {
        return block(p)
    } finally {
        withContext(Dispatchers.IO) { p.close() }
    }
}

/** Runs [block], which blocks (a call to a libzmq peer, a blocking zmq-kt call), on [Dispatchers.IO]. */
suspend fun <T> io(block: () -> T): T = withContext(Dispatchers.IO) { block() }

/** Runs [block] with a JeroMQ context made and closed on the JeroMQ thread (see [JeromqThread]). */
suspend fun <T> jeromq(block: suspend (ZContext) -> T): T {
    val z = JeromqThread.run { ZContext() }
    try {
        return block(z)
    } finally {
        JeromqThread.run { z.close() }
    }
}

/** An endpoint to bind over [transport]: tcp on an ephemeral loopback port, or ipc in a new temporary folder. */
fun bindableEndpoint(transport: String): String =
    if (transport == "tcp") "tcp://127.0.0.1:*" else "ipc://" + Files.createTempDirectory("zmqkt-interop").resolve("s")
