package dev.zmqkt.bench.scale

import java.io.File
import java.lang.management.BufferPoolMXBean
import java.lang.management.ManagementFactory

/**
 * What this process holds at one moment: live heap after a full collection, direct buffer memory, threads (all,
 * and zmq-kt's own, named `zmq-kt-...`; the rest are the JVM's and the coroutine dispatcher's shared workers,
 * which start and stop on their own) and open file descriptors. Used to show the cost of connections and that
 * nothing leaks.
 */
data class ProcessFootprint(
    val heapBytes: Long,
    val directBytes: Long,
    val threads: Int,
    val libraryThreads: Int,
    val fileDescriptors: Int,
) {
    companion object {
        /** Collects garbage until the live heap settles, then takes the measurements. */
        fun measure(): ProcessFootprint {
            val memory = ManagementFactory.getMemoryMXBean()
            var previous = Long.MAX_VALUE
            var heap = 0L
            // System.gc() with the parallel collector is a full collection; repeat until finalised objects are gone.
            for (i in 0 until 5) {
                System.gc()
                heap = memory.heapMemoryUsage.used
                if (previous - heap < 64 * 1024) break
                previous = heap
            }
            val direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean::class.java)
                .filter { it.name == "direct" }.sumOf { it.memoryUsed }
            val threads = ManagementFactory.getThreadMXBean().threadCount
            val library = Thread.getAllStackTraces().keys.count { it.isAlive && it.name.startsWith("zmq-kt") }
            val fds = File("/proc/self/fd").list()?.size ?: -1
            return ProcessFootprint(heap, direct, threads, library, fds)
        }
    }
}
