package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.SocketType
import dev.zmqkt.SocketType.DEALER
import dev.zmqkt.SocketType.PUB
import dev.zmqkt.SocketType.PULL
import dev.zmqkt.SocketType.PUSH
import dev.zmqkt.SocketType.REQ
import dev.zmqkt.SocketType.ROUTER
import dev.zmqkt.SocketType.SUB
import dev.zmqkt.SocketType.XPUB
import java.time.Duration
import java.time.temporal.ChronoUnit

/**
 * Every socket option zmq-kt has, once: Kotlin name, libzmq name, value type, default (libzmq's), range check and
 * the socket types it applies to (libzmq's `zmq_setsockopt` page). Adding an option is one line here plus its
 * typed property in `SocketOptions`.
 */
internal object OptionTable {
    private val list = ArrayList<Option<*>>()

    val SNDHWM = option("sendHighWaterMark", "SNDHWM", OptionKind.IntValue, 1000, check = ::nonNegativeInt)
    val RCVHWM = option("receiveHighWaterMark", "RCVHWM", OptionKind.IntValue, 1000, check = ::nonNegativeInt)
    val LINGER = option("linger", "LINGER", millisOrNull(-1), null, check = ::nonNegativeDuration)
    val ROUTING_ID = option("routingId", "ROUTING_ID", OptionKind.BytesOrNull, null, aliases = listOf("IDENTITY"), check = ::routingId)
    val RECONNECT_IVL = option("reconnectInterval", "RECONNECT_IVL", millisOrNull(-1), Duration.ofMillis(100), check = ::nonNegativeDuration)
    val RECONNECT_IVL_MAX = option("reconnectIntervalMax", "RECONNECT_IVL_MAX", OptionKind.DurationMillis, Duration.ZERO, check = ::nonNegativeDuration)
    val SNDTIMEO = option("sendTimeout", "SNDTIMEO", millisOrNull(-1), null, check = ::nonNegativeDuration)
    val RCVTIMEO = option("receiveTimeout", "RCVTIMEO", millisOrNull(-1), null, check = ::nonNegativeDuration)
    val MAXMSGSIZE = option("maxMessageSize", "MAXMSGSIZE", OptionKind.LongOrNull, null, check = ::nonNegativeLong)
    val IMMEDIATE = option("immediate", "IMMEDIATE", OptionKind.BooleanValue, false)
    val HANDSHAKE_IVL = option("handshakeInterval", "HANDSHAKE_IVL", millisOrNull(0), Duration.ofSeconds(30), check = ::nonNegativeDuration)
    val HEARTBEAT_IVL = option("heartbeatInterval", "HEARTBEAT_IVL", millisOrNull(0), null, check = ::nonNegativeDuration)
    val HEARTBEAT_TTL = option("heartbeatTtl", "HEARTBEAT_TTL", millisOrNull(0), null, check = ::heartbeatTtl)
    val HEARTBEAT_TIMEOUT = option("heartbeatTimeout", "HEARTBEAT_TIMEOUT", millisOrNull(-1), null, check = ::nonNegativeDuration)
    val TCP_KEEPALIVE = option("tcpKeepAlive", "TCP_KEEPALIVE", OptionKind.BooleanOrNull, null)
    val TCP_KEEPALIVE_IDLE = option("tcpKeepAliveIdle", "TCP_KEEPALIVE_IDLE", secondsOrNull(-1), null, check = ::nonNegativeDuration)
    val TCP_KEEPALIVE_INTVL = option("tcpKeepAliveInterval", "TCP_KEEPALIVE_INTVL", secondsOrNull(-1), null, check = ::nonNegativeDuration)
    val TCP_KEEPALIVE_CNT = option("tcpKeepAliveCount", "TCP_KEEPALIVE_CNT", OptionKind.IntOrNull, null, check = ::positive)
    val SNDBUF = option("sendBufferSize", "SNDBUF", OptionKind.IntOrNull, null, check = ::positive)
    val RCVBUF = option("receiveBufferSize", "RCVBUF", OptionKind.IntOrNull, null, check = ::positive)
    val BACKLOG = option("backlog", "BACKLOG", OptionKind.IntValue, 100, check = ::positive)
    val IPV6 = option("ipv6", "IPV6", OptionKind.BooleanValue, false)
    val CONNECT_ROUTING_ID = option(
        "connectRoutingId", "CONNECT_ROUTING_ID", OptionKind.BytesOrNull, null, setOf(ROUTER),
        aliases = listOf("CONNECT_RID"), check = ::routingId,
    )
    val ROUTER_MANDATORY = option("routerMandatory", "ROUTER_MANDATORY", OptionKind.BooleanValue, false, setOf(ROUTER))
    val ROUTER_HANDOVER = option("routerHandover", "ROUTER_HANDOVER", OptionKind.BooleanValue, false, setOf(ROUTER))
    val PROBE_ROUTER = option("probeRouter", "PROBE_ROUTER", OptionKind.BooleanValue, false, setOf(ROUTER, DEALER, REQ))
    val REQ_CORRELATE = option("requestCorrelate", "REQ_CORRELATE", OptionKind.BooleanValue, false, setOf(REQ))
    val REQ_RELAXED = option("requestRelaxed", "REQ_RELAXED", OptionKind.BooleanValue, false, setOf(REQ))
    val CONFLATE = option("conflate", "CONFLATE", OptionKind.BooleanValue, false, setOf(PUSH, PULL, PUB, SUB, DEALER))
    val INVERT_MATCHING = option("invertMatching", "INVERT_MATCHING", OptionKind.BooleanValue, false, setOf(PUB, XPUB, SUB))
    val XPUB_VERBOSE = option("xpubVerbose", "XPUB_VERBOSE", OptionKind.BooleanValue, false, setOf(XPUB))
    val XPUB_VERBOSER = option("xpubVerboser", "XPUB_VERBOSER", OptionKind.BooleanValue, false, setOf(XPUB))
    val XPUB_MANUAL = option("xpubManual", "XPUB_MANUAL", OptionKind.BooleanValue, false, setOf(XPUB))
    val XPUB_NODROP = option("xpubNoDrop", "XPUB_NODROP", OptionKind.BooleanValue, false, setOf(XPUB, PUB))
    val XPUB_WELCOME_MSG = option("xpubWelcomeMessage", "XPUB_WELCOME_MSG", OptionKind.BytesOrNull, null, setOf(XPUB))

    // Security (libzmq's ZMQ_MECHANISM is chosen by the last of these set; see MechanismChoice).
    val PLAIN_SERVER = option("plainServer", "PLAIN_SERVER", OptionKind.BooleanValue, false, afterSet = MechanismChoice::plainServer)
    val PLAIN_USERNAME = option("plainUsername", "PLAIN_USERNAME", OptionKind.TextOrNull, null, check = ::plainText, afterSet = MechanismChoice::plainCredential)
    val PLAIN_PASSWORD = option("plainPassword", "PLAIN_PASSWORD", OptionKind.TextOrNull, null, check = ::plainText, afterSet = MechanismChoice::plainCredential)
    val CURVE_SERVER = option("curveServer", "CURVE_SERVER", OptionKind.BooleanValue, false, check = ::curveSwitch, afterSet = MechanismChoice::curveServer)
    val CURVE_PUBLICKEY = option("curvePublicKey", "CURVE_PUBLICKEY", OptionKind.CurveKey, null, check = ::curveKey, afterSet = MechanismChoice::curveOwnKey)
    val CURVE_SECRETKEY = option("curveSecretKey", "CURVE_SECRETKEY", OptionKind.CurveKey, null, check = ::curveKey, afterSet = MechanismChoice::curveOwnKey)
    val CURVE_SERVERKEY = option("curveServerKey", "CURVE_SERVERKEY", OptionKind.CurveKey, null, check = ::curveKey, afterSet = MechanismChoice::curveServerKey)
    val ZAP_DOMAIN = option("zapDomain", "ZAP_DOMAIN", OptionKind.Text, "", check = ::zapDomain)
    val ZAP_ENFORCE_DOMAIN = option("zapEnforceDomain", "ZAP_ENFORCE_DOMAIN", OptionKind.BooleanValue, false)
    val METADATA = option("metadata", "METADATA", OptionKind.Properties, emptyMap(), check = ::announcedProperties)

    /** Read-only, and last: copying options whole restores it after the options that choose it. */
    val MECHANISM = option("mechanism", "MECHANISM", OptionKind.Mechanism, SecurityMechanism.NULL, readOnly = true)

    /** Every option, in slot order. */
    val all: List<Option<*>> get() = list

    private val byName: Map<String, Option<*>> by lazy {
        list.flatMap { o -> (o.aliases + o.libzmqName).map { it to o } }.toMap()
    }

    /**
     * The option called [name] in libzmq: case-insensitive, with or without the `ZMQ_` prefix.
     *
     * @throws InvalidOptionException when zmq-kt has no such option.
     */
    fun named(name: String): Option<*> {
        val key = name.trim().uppercase().removePrefix("ZMQ_")
        return byName[key] ?: throw InvalidOptionException("unknown socket option '$name'")
    }

    private fun <T> option(
        property: String,
        libzmqName: String,
        kind: OptionKind<T>,
        default: T,
        socketTypes: Set<SocketType>? = null,
        aliases: List<String> = emptyList(),
        check: (String, T) -> Unit = { _, _ -> },
        readOnly: Boolean = false,
        afterSet: ((OptionValues, T) -> Unit)? = null,
    ): Option<T> = Option(list.size, property, libzmqName, kind, default, socketTypes, aliases, check, readOnly, afterSet)
        .also { list += it }

    private fun millisOrNull(nullCode: Long) = OptionKind.DurationOrNull(ChronoUnit.MILLIS, setOf(nullCode))

    private fun secondsOrNull(nullCode: Long) = OptionKind.DurationOrNull(ChronoUnit.SECONDS, setOf(nullCode))
}
