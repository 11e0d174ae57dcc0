package dev.zmqkt.internal.session

import org.slf4j.LoggerFactory
import java.io.IOException
import java.net.UnknownHostException

/**
 * Says why a connecting session is not connected, so "nothing happens" always has a stated reason: the reason
 * of the last failed attempt (or lost connection) goes with the next CONNECT_RETRIED event, and each failed
 * attempt is logged at DEBUG.
 *
 * A host name that does not resolve is logged once at WARN as well (again only after the session connected in
 * between): it is a configuration error or a missing DNS entry, never part of normal operation, and one line
 * per session cannot flood a log the way one per attempt would. Refused connections stay at DEBUG: a peer that
 * is not up yet is normal for ZeroMQ.
 */
internal class ConnectFailures(private val endpoint: String) {
    /** Why the last attempt failed or the last connection ended; null while connected or before any attempt. */
    var lastReason: String? = null
        private set

    private var warnedUnresolved = false

    fun attemptFailed(e: IOException) {
        val reason = describe(e)
        lastReason = reason
        if (e is UnknownHostException && !warnedUnresolved) {
            warnedUnresolved = true
            log.warn(
                "connect to {}: {}; still retrying with backoff (CONNECT_RETRIED monitor events; logged once)",
                endpoint, reason,
            )
        } else {
            log.debug("connect to {} failed: {}", endpoint, reason)
        }
    }

    fun connected() {
        lastReason = null
        warnedUnresolved = false
    }

    fun connectionEnded(reason: String) {
        lastReason = reason
    }

    private fun describe(e: IOException): String = when (e) {
        is UnknownHostException -> "cannot resolve host ${e.message}"
        else -> e.message?.let { "${e.javaClass.simpleName}: $it" } ?: e.javaClass.simpleName
    }

    private companion object {
        val log = LoggerFactory.getLogger(ConnectSession::class.java)
    }
}
