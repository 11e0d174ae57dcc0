package dev.zmqkt.bench

import java.io.File
import java.util.concurrent.TimeUnit

/**
 * Builds the libzmq peer (`bench_peer.c`, shipped in this jar) with gcc, when gcc and libzmq's headers are
 * present. Returns the binary, or null with the reason printed.
 */
object LibzmqPeerBuild {
    fun build(): File? {
        val dir = File(System.getProperty("java.io.tmpdir"), "zmq-kt-bench").apply { mkdirs() }
        val source = File(dir, "bench_peer.c")
        source.writeText(javaClass.getResource("/c/bench_peer.c")!!.readText())
        val binary = File(dir, "bench_peer")
        val process = try {
            ProcessBuilder("gcc", "-O2", "-o", binary.path, source.path, "-lzmq", "-lpthread").redirectErrorStream(true).start()
        } catch (e: Exception) {
            System.err.println("libzmq cases skipped: gcc not found (${e.message})")
            return null
        }
        val output = process.inputStream.bufferedReader().readText()
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            System.err.println("libzmq cases skipped: could not build the C peer (install libzmq3-dev):\n$output")
            return null
        }
        return binary
    }
}
