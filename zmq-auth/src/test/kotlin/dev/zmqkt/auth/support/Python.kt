package dev.zmqkt.auth.support

import io.kotest.core.test.Enabled
import io.kotest.core.test.EnabledOrReasonIf
import java.util.concurrent.TimeUnit

/**
 * Runs short pyzmq scripts with Debian's python3 (the libzmq peer). In CI (ZMQKT_CI=1) the tests that need it
 * always run, so a missing pyzmq fails them; elsewhere they are skipped with what to install.
 */
object Python {
    const val EXECUTABLE = "/usr/bin/python3"
    private val inCi = System.getenv("ZMQKT_CI") == "1"

    private val pyzmqInstalled: Boolean by lazy {
        try {
            val p = ProcessBuilder(EXECUTABLE, "-c", "import zmq").redirectErrorStream(true).start()
            p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
        } catch (e: Exception) {
            false
        }
    }

    /** For `test(...).config(enabledOrReasonIf = Python.pyzmq)`. */
    val pyzmq: EnabledOrReasonIf = {
        if (pyzmqInstalled || inCi) {
            Enabled.enabled
        } else {
            Enabled.disabled("pyzmq interop skipped: run apt-get install -y python3-zmq").also { System.err.println(it.reason) }
        }
    }

    /** Runs [script] with [args] (`sys.argv[1:]`) and returns its standard output; fails on a non-zero exit. */
    fun run(script: String, vararg args: String, timeoutSeconds: Long = 60): String {
        val process = ProcessBuilder(listOf(EXECUTABLE, "-c", script) + args).redirectErrorStream(true).start()
        val output = process.inputStream.bufferedReader().readText()
        check(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) { "python did not finish: $output" }
        check(process.exitValue() == 0) { "python failed (${process.exitValue()}): $output" }
        return output
    }
}
