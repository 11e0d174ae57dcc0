package dev.zmqkt.ssh.support

import io.kotest.assertions.nondeterministic.eventually
import io.kotest.matchers.collections.shouldBeEmpty
import io.kotest.matchers.ints.shouldBeLessThanOrEqual
import java.io.File
import kotlin.time.Duration.Companion.seconds

/**
 * What a test leaves behind: threads it started and file descriptors it opened. Taken before the code under test
 * runs; [assertNoneLeft] checks after it closed.
 *
 * Threads of pools shared by the whole JVM (coroutine dispatchers, the common fork-join pool) and kotest's own
 * are not counted: they outlive any one test by design.
 */
class Leaks private constructor(private val threads: Set<Thread>, private val fds: Int) {
    suspend fun assertNoneLeft() {
        val started = Thread.getAllStackTraces().keys.filter { it !in threads && it.isAlive && !isShared(it) }
        // a stopped pool's threads finish their last task and exit: give them time
        started.forEach { it.join(10_000) }
        started.filter { it.isAlive }.map { it.name }.shouldBeEmpty()
        // sockets closed by other threads (the server's side, the selector) are released shortly after
        eventually(10.seconds) { openFds() shouldBeLessThanOrEqual fds }
    }

    companion object {
        fun snapshot(): Leaks = Leaks(Thread.getAllStackTraces().keys.toSet(), openFds())

        fun openFds(): Int = File("/proc/self/fd").list()!!.size

        private fun isShared(t: Thread): Boolean = t.name.startsWith("DefaultDispatcher-worker") ||
            t.name.startsWith("kotlinx.coroutines.DefaultExecutor") || t.name.startsWith("ForkJoinPool.commonPool") ||
            t.name.startsWith("kotest") || t.name.startsWith("process reaper") ||
            t.name.contains("SshServer") // the test's server, not the code under test
    }
}
