package dev.zmqkt

import dev.zmqkt.internal.mechanism.MechanismRegistry

import java.util.Properties

/**
 * What this zmq-kt is and can do: its version, the protocol version it speaks, the libzmq API level it models,
 * and its optional capabilities (libzmq's `zmq_has`, pyzmq's `zmq.has`).
 */
public object Zmq {
    /** zmq-kt's own version, such as `0.1.0`, from the jar; `unknown` when the build did not record it. */
    @JvmStatic
    public val version: String by lazy { readVersion() }

    /** The ZeroMQ wire protocol zmq-kt speaks: ZMTP 3.1 (it also talks to ZMTP 3.0 peers). */
    @JvmStatic
    public val zmtpVersion: String = "3.1"

    /**
     * The libzmq release whose API zmq-kt models, for code that asks libzmq's version before using a feature
     * (pyzmq's `zmq_version_info()`): 4.3.0. zmq-kt has the socket types, options, monitor events (including
     * the handshake events 4.3 made stable) and ZMTP 3.1 behaviour of libzmq 4.3, but not all of libzmq 4.3: no
     * CURVE yet, no STREAM, no draft socket types. Check those with [has], not with this number.
     */
    @JvmStatic
    public val libzmqVersion: ZmqVersion = ZmqVersion(4, 3, 0)

    /**
     * Whether zmq-kt has [capability], by libzmq's names (case-insensitive): `ipc` is true; `curve` is true when
     * a CURVE implementation (the zmq-auth module) is on the class path; `pgm`, `tipc`, `norm`, `gssapi` and
     * `draft` are false (not implemented), as is any name zmq-kt does not know.
     */
    @JvmStatic
    public fun has(capability: String): Boolean {
        val name = capability.trim().lowercase()
        if (name == "curve") return MechanismRegistry.isAvailable(SecurityMechanism.CURVE.name)
        return name in CAPABILITIES
    }

    private val CAPABILITIES = setOf("ipc")

    private fun readVersion(): String {
        val stream = Zmq::class.java.getResourceAsStream("zmq-kt-version.properties") ?: return "unknown"
        val properties = stream.use { Properties().apply { load(it) } }
        return properties.getProperty("version")?.takeIf { it.isNotBlank() && !it.startsWith("\${") } ?: "unknown"
    }
}

/** A `major.minor.patch` version number, ordered as versions are. */
public data class ZmqVersion(
    /** The major version. */
    public val major: Int,
    /** The minor version. */
    public val minor: Int,
    /** The patch version. */
    public val patch: Int,
) : Comparable<ZmqVersion> {
    override fun compareTo(other: ZmqVersion): Int =
        compareValuesBy(this, other, ZmqVersion::major, ZmqVersion::minor, ZmqVersion::patch)

    override fun toString(): String = "$major.$minor.$patch"
}
