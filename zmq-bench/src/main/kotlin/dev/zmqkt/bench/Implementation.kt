package dev.zmqkt.bench

import java.io.File

/** One ZeroMQ implementation under test: how to start a peer process of it in a given role. */
class Implementation(val name: String, private val command: (List<String>) -> List<String>) {
    /** The command line for `mode endpoint count size type`. */
    fun commandFor(args: List<String>): List<String> = command(args)

    companion object {
        private val java = File(System.getProperty("java.home"), "bin/java").path
        private val classpath = System.getProperty("java.class.path")
        private val jvmFlags = listOf("-Xms512m", "-Xmx512m", "-XX:+UseParallelGC")

        fun jvm(name: String, mainClass: String) =
            Implementation(name) { args -> listOf(java) + jvmFlags + listOf("-cp", classpath, mainClass) + args }

        fun native(name: String, binary: File) = Implementation(name) { args -> listOf(binary.path) + args }

        val zmqKt = jvm("zmq-kt", "dev.zmqkt.bench.ZmqKtPeer")
        val jeromq = jvm("jeromq", "dev.zmqkt.bench.JeromqPeer")

        /** zmq-kt called from Java through CompletableFuture, compared with [zmqKt] (the Kotlin suspending path). */
        val zmqKtJava = jvm("zmq-kt-java", "dev.zmqkt.bench.JavaFuturePeer")

        /** zmq-kt through its batch forms (`sendAll`/`receiveAvailable`), in the throughput cases. */
        val zmqKtBatch = jvm("zmq-kt-batch", "dev.zmqkt.bench.ZmqKtBatchPeer")

        /** zmq-kt from Java through the batch futures (`sendAllAsync`/`receiveAvailableAsync`). */
        val zmqKtJavaBatch = jvm("zmq-kt-java-batch", "dev.zmqkt.bench.JavaBatchFuturePeer")
    }
}
