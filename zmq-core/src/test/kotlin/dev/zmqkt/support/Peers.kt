package dev.zmqkt.support

import io.kotest.core.test.Enabled
import io.kotest.core.test.EnabledOrReasonIf
import java.util.concurrent.TimeUnit

/**
 * Whether the real peers used by interop tests are here. In CI (ZMQKT_CI=1, set by .ci/run) interop tests always
 * run, so a missing peer fails them; elsewhere they are skipped with a message saying what to install.
 */
object Peers {
    val inCi: Boolean = System.getenv("ZMQKT_CI") == "1"

    const val PYTHON = "/usr/bin/python3"

    val libzmqInstalled: Boolean by lazy {
        try {
            val p = ProcessBuilder(PYTHON, "-c", "import zmq").redirectErrorStream(true).start()
            p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0
        } catch (e: Exception) {
            false
        }
    }

    /** For `test(...).config(enabledOrReasonIf = Peers.libzmq)`. */
    val libzmq: EnabledOrReasonIf = {
        when {
            libzmqInstalled || inCi -> Enabled.enabled
            else -> {
                val reason = "libzmq interop skipped: libzmq with pyzmq is not installed " +
                    "(run: apt-get install -y python3-zmq libzmq3-dev)"
                System.err.println(reason)
                Enabled.disabled(reason)
            }
        }
    }
}
