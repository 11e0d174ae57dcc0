package dev.zmqkt

import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.options.Option
import dev.zmqkt.internal.options.OptionTable
import java.time.Duration

/**
 * The options of a socket, as typed properties. Every [Socket] is a [SocketOptions]; [Context.defaultOptions]
 * holds the values new sockets start with.
 *
 * Names follow libzmq's `zmq_setsockopt` options (in brackets); so do defaults and meanings. A [Duration] that
 * may be `null` means "no limit" where libzmq uses `-1`. An option that takes effect at connection time applies
 * to connections made after it is set. The same options can be read and set by their libzmq names with
 * [getOption] and [setOption], for configuration files and tools.
 *
 * ### Errors
 * Setting an option raises [InvalidOptionException] for a value out of range, or for an option that does not
 * apply to the socket's type (e.g. [routerMandatory] on a DEALER), as libzmq's `EINVAL`; the old value stays.
 * On a closed socket it raises [SocketClosedException], or [ContextClosedException] once the context is closed.
 * [Context.defaultOptions] accepts every option: a socket made from it takes only the ones for its type.
 *
 * ### Implementation notes
 * Only zmq-kt makes instances (its constructor is internal), so new options can be added without breaking code
 * that uses this class.
 */
public abstract class SocketOptions internal constructor() {
    /** The type of the socket these options belong to; null for a context's defaults (which take every option). */
    @get:JvmSynthetic
    internal abstract val socketType: SocketType?

    @JvmSynthetic
    internal abstract fun <T> read(option: Option<T>): T

    /** Sets [option] after the closed, type and range checks, with its side effects (see `Option.afterSet`). */
    @JvmSynthetic
    internal abstract fun <T> write(option: Option<T>, value: T)

    /** Sets [option] to [from]'s value as it is stored, without checks or side effects (copying options whole). */
    @JvmSynthetic
    internal abstract fun <T> copy(option: Option<T>, from: SocketOptions)

    /** [ZMQ_SNDHWM] The most messages queued per peer for sending; 0 means no limit. Default 1000. */
    public var sendHighWaterMark: Int
        get() = read(OptionTable.SNDHWM)
        set(value) = write(OptionTable.SNDHWM, value)

    /** [ZMQ_RCVHWM] The most messages queued per peer after receiving; 0 means no limit. Default 1000. */
    public var receiveHighWaterMark: Int
        get() = read(OptionTable.RCVHWM)
        set(value) = write(OptionTable.RCVHWM, value)

    /**
     * [ZMQ_LINGER] How long unsent messages are kept, and their delivery tried, after the socket is closed; the
     * value when [Socket.close] is called counts. `null` waits until they are delivered; zero drops them at once.
     * Default `null`, as in libzmq: closing a context then waits for ever on a message queued to a peer that never
     * comes. Set a finite value, or close with [Socket.close] or [Context.close] given a linger, which override
     * this one.
     */
    public var linger: Duration?
        get() = read(OptionTable.LINGER)
        set(value) = write(OptionTable.LINGER, value)

    /**
     * [ZMQ_ROUTING_ID] The identity this socket announces to its peers (1 to 255 bytes, not starting with a
     * zero byte); `null` for none. Set it before binding or connecting.
     */
    public var routingId: ByteArray?
        get() = read(OptionTable.ROUTING_ID)
        set(value) = write(OptionTable.ROUTING_ID, value)

    /** [ZMQ_RECONNECT_IVL] The wait before reconnecting after a connection is lost or refused; `null` never reconnects. Default 100 ms. */
    public var reconnectInterval: Duration?
        get() = read(OptionTable.RECONNECT_IVL)
        set(value) = write(OptionTable.RECONNECT_IVL, value)

    /**
     * [ZMQ_RECONNECT_IVL_MAX] The most the reconnect wait grows to: each failed attempt doubles it up to this;
     * zero keeps it at [reconnectInterval]. Default zero.
     */
    public var reconnectIntervalMax: Duration
        get() = read(OptionTable.RECONNECT_IVL_MAX)
        set(value) = write(OptionTable.RECONNECT_IVL_MAX, value)

    /** [ZMQ_SNDTIMEO] How long `send` waits before raising [AgainException]; `null` waits forever. Default `null`. */
    public var sendTimeout: Duration?
        get() = read(OptionTable.SNDTIMEO)
        set(value) = write(OptionTable.SNDTIMEO, value)

    /** [ZMQ_RCVTIMEO] How long `receive` waits before raising [AgainException]; `null` waits forever. Default `null`. */
    public var receiveTimeout: Duration?
        get() = read(OptionTable.RCVTIMEO)
        set(value) = write(OptionTable.RCVTIMEO, value)

    /**
     * [ZMQ_MAXMSGSIZE] The largest inbound message frame in bytes (checked per frame, as libzmq does); a peer
     * that announces a bigger one is disconnected before anything is allocated for it. `null` for no limit.
     * Default `null`.
     */
    public var maxMessageSize: Long?
        get() = read(OptionTable.MAXMSGSIZE)
        set(value) = write(OptionTable.MAXMSGSIZE, value)

    /**
     * [ZMQ_IMMEDIATE] When true, messages are queued only to peers whose connection is complete, so a
     * connecting socket does not queue to a peer that is not there yet. Default false.
     */
    @get:JvmName("isImmediate")
    public var immediate: Boolean
        get() = read(OptionTable.IMMEDIATE)
        set(value) = write(OptionTable.IMMEDIATE, value)

    /** [ZMQ_HANDSHAKE_IVL] The most a ZMTP handshake may take before the connection is dropped; `null` for no limit. Default 30 s. */
    public var handshakeInterval: Duration?
        get() = read(OptionTable.HANDSHAKE_IVL)
        set(value) = write(OptionTable.HANDSHAKE_IVL, value)

    /** [ZMQ_HEARTBEAT_IVL] How often to send a ZMTP PING on each connection; `null` sends none. Default `null`. */
    public var heartbeatInterval: Duration?
        get() = read(OptionTable.HEARTBEAT_IVL)
        set(value) = write(OptionTable.HEARTBEAT_IVL, value)

    /**
     * [ZMQ_HEARTBEAT_TTL] The time-to-live sent in each PING: the peer drops the connection when it hears nothing
     * for this long (whole deciseconds, at most 6553.5 s). `null` sends none. Default `null`.
     */
    public var heartbeatTtl: Duration?
        get() = read(OptionTable.HEARTBEAT_TTL)
        set(value) = write(OptionTable.HEARTBEAT_TTL, value)

    /**
     * [ZMQ_HEARTBEAT_TIMEOUT] How long to wait for any traffic after sending a PING before dropping the
     * connection; `null` uses [heartbeatInterval]. Default `null`.
     */
    public var heartbeatTimeout: Duration?
        get() = read(OptionTable.HEARTBEAT_TIMEOUT)
        set(value) = write(OptionTable.HEARTBEAT_TIMEOUT, value)

    /** [ZMQ_TCP_KEEPALIVE] SO_KEEPALIVE on tcp connections; `null` leaves the system default. Default `null`. */
    public var tcpKeepAlive: Boolean?
        get() = read(OptionTable.TCP_KEEPALIVE)
        set(value) = write(OptionTable.TCP_KEEPALIVE, value)

    /** [ZMQ_TCP_KEEPALIVE_IDLE] Idle time before keepalive probes start; `null` for the system default. */
    public var tcpKeepAliveIdle: Duration?
        get() = read(OptionTable.TCP_KEEPALIVE_IDLE)
        set(value) = write(OptionTable.TCP_KEEPALIVE_IDLE, value)

    /** [ZMQ_TCP_KEEPALIVE_INTVL] Time between keepalive probes; `null` for the system default. */
    public var tcpKeepAliveInterval: Duration?
        get() = read(OptionTable.TCP_KEEPALIVE_INTVL)
        set(value) = write(OptionTable.TCP_KEEPALIVE_INTVL, value)

    /** [ZMQ_TCP_KEEPALIVE_CNT] Unanswered probes before the connection is dropped; `null` for the system default. */
    public var tcpKeepAliveCount: Int?
        get() = read(OptionTable.TCP_KEEPALIVE_CNT)
        set(value) = write(OptionTable.TCP_KEEPALIVE_CNT, value)

    /** [ZMQ_SNDBUF] The kernel send buffer size in bytes; `null` for the system default. */
    public var sendBufferSize: Int?
        get() = read(OptionTable.SNDBUF)
        set(value) = write(OptionTable.SNDBUF, value)

    /** [ZMQ_RCVBUF] The kernel receive buffer size in bytes; `null` for the system default. */
    public var receiveBufferSize: Int?
        get() = read(OptionTable.RCVBUF)
        set(value) = write(OptionTable.RCVBUF, value)

    /**
     * [ZMQ_BACKLOG] How many connections the kernel queues on a bound `tcp://` or `ipc://` endpoint before this
     * socket accepts them; the kernel may cap it (Linux: `net.core.somaxconn`). Set it before binding: a storm
     * of connects beyond it sees dropped SYNs and retries seconds later. Default 100.
     */
    public var backlog: Int
        get() = read(OptionTable.BACKLOG)
        set(value) = write(OptionTable.BACKLOG, value)

    /** [ZMQ_IPV6] When true, binding the wildcard host `*` listens on all IPv6 and IPv4 addresses and host names may resolve to IPv6. Default false. */
    @get:JvmName("isIpv6")
    public var ipv6: Boolean
        get() = read(OptionTable.IPV6)
        set(value) = write(OptionTable.IPV6, value)

    /**
     * [ZMQ_CONNECT_ROUTING_ID] ROUTER only: the routing id a ROUTER gives the peer of its next [Socket.connect], instead of the
     * one the peer announces; used by that one connect and then cleared. 1 to 255 bytes, not starting with zero.
     */
    public var connectRoutingId: ByteArray?
        get() = read(OptionTable.CONNECT_ROUTING_ID)
        set(value) = write(OptionTable.CONNECT_ROUTING_ID, value)

    /**
     * [ZMQ_ROUTER_MANDATORY] ROUTER only: sending to an unknown peer raises [HostUnreachableException], and
     * sending to a peer whose queue is full waits (or raises [AgainException]) instead of dropping. Default false.
     */
    @get:JvmName("isRouterMandatory")
    public var routerMandatory: Boolean
        get() = read(OptionTable.ROUTER_MANDATORY)
        set(value) = write(OptionTable.ROUTER_MANDATORY, value)

    /**
     * [ZMQ_ROUTER_HANDOVER] ROUTER only: a new peer that announces a routing id already in use takes it over
     * (the old connection keeps working under a generated id); otherwise the new peer is refused. Default false.
     */
    @get:JvmName("isRouterHandover")
    public var routerHandover: Boolean
        get() = read(OptionTable.ROUTER_HANDOVER)
        set(value) = write(OptionTable.ROUTER_HANDOVER, value)

    /**
     * [ZMQ_PROBE_ROUTER] ROUTER, DEALER and REQ: send an empty message to each peer as soon as its link exists, so
     * a ROUTER peer learns this socket's routing id before any request. Default false.
     */
    @get:JvmName("isProbeRouter")
    public var probeRouter: Boolean
        get() = read(OptionTable.PROBE_ROUTER)
        set(value) = write(OptionTable.PROBE_ROUTER, value)

    /** [ZMQ_REQ_CORRELATE] REQ only: tag each request with an id and accept only the reply carrying it. Default false. */
    @get:JvmName("isRequestCorrelate")
    public var requestCorrelate: Boolean
        get() = read(OptionTable.REQ_CORRELATE)
        set(value) = write(OptionTable.REQ_CORRELATE, value)

    /**
     * [ZMQ_REQ_RELAXED] REQ only: allow a new request before the reply to the previous one arrived (that reply is
     * then discarded), so a client can retry after a timeout on the same socket. Default false.
     */
    @get:JvmName("isRequestRelaxed")
    public var requestRelaxed: Boolean
        get() = read(OptionTable.REQ_RELAXED)
        set(value) = write(OptionTable.REQ_RELAXED, value)

    /**
     * [ZMQ_CONFLATE] Keep only the newest message in each queue (PUSH, PULL, PUB, SUB, DEALER): older ones are
     * replaced, and the high-water marks do not apply. Set before binding or connecting. Default false.
     */
    @get:JvmName("isConflate")
    public var conflate: Boolean
        get() = read(OptionTable.CONFLATE)
        set(value) = write(OptionTable.CONFLATE, value)

    /**
     * [ZMQ_INVERT_MATCHING] PUB, XPUB and SUB: a message matches when its topic starts with none of the
     * subscriptions, instead of one of them. Publisher and subscribers must agree. Default false.
     */
    @get:JvmName("isInvertMatching")
    public var invertMatching: Boolean
        get() = read(OptionTable.INVERT_MATCHING)
        set(value) = write(OptionTable.INVERT_MATCHING, value)

    /** [ZMQ_XPUB_VERBOSE] XPUB: hand every subscription to the user, not only the first for each prefix. Default false. */
    @get:JvmName("isXpubVerbose")
    public var xpubVerbose: Boolean
        get() = read(OptionTable.XPUB_VERBOSE)
        set(value) = write(OptionTable.XPUB_VERBOSE, value)

    /** [ZMQ_XPUB_VERBOSER] XPUB: hand every subscription and every cancel to the user. Default false. */
    @get:JvmName("isXpubVerboser")
    public var xpubVerboser: Boolean
        get() = read(OptionTable.XPUB_VERBOSER)
        set(value) = write(OptionTable.XPUB_VERBOSER, value)

    /**
     * [ZMQ_XPUB_MANUAL] XPUB: subscriptions are not applied by themselves; the user receives each one and calls
     * [Socket.subscribe] or [Socket.unsubscribe] to apply a subscription for the subscriber it came from.
     * Default false.
     */
    @get:JvmName("isXpubManual")
    public var xpubManual: Boolean
        get() = read(OptionTable.XPUB_MANUAL)
        set(value) = write(OptionTable.XPUB_MANUAL, value)

    /**
     * [ZMQ_XPUB_NODROP] XPUB and PUB: when a subscriber's queue is full, sending waits (or times out) instead of
     * dropping. Default false.
     */
    @get:JvmName("isXpubNoDrop")
    public var xpubNoDrop: Boolean
        get() = read(OptionTable.XPUB_NODROP)
        set(value) = write(OptionTable.XPUB_NODROP, value)

    /** [ZMQ_XPUB_WELCOME_MSG] XPUB: a message sent to each new subscriber first (it must subscribe to its topic). */
    public var xpubWelcomeMessage: ByteArray?
        get() = read(OptionTable.XPUB_WELCOME_MSG)
        set(value) = write(OptionTable.XPUB_WELCOME_MSG, value)

    /**
     * [ZMQ_MECHANISM] The security mechanism connections use, chosen by the security options below as in libzmq:
     * the last of [plainServer], [plainUsername], [plainPassword], [curveServer], [curvePublicKey],
     * [curveSecretKey] and [curveServerKey] set decides. Both sides of a connection must use the same one.
     * Default [SecurityMechanism.NULL]. Read-only.
     */
    public val mechanism: SecurityMechanism
        get() = read(OptionTable.MECHANISM)

    /**
     * [ZMQ_PLAIN_SERVER] Take the server side of PLAIN (RFC 24), whether this socket binds or connects: clients'
     * user names and passwords are checked by the context's ZAP handler (a socket bound at
     * `inproc://zeromq.zap.01`, such as zmq-auth's Authenticator); without one every client is refused. Setting
     * it true chooses PLAIN, false chooses NULL. Reads true only while PLAIN is chosen in the server role.
     * Default false.
     *
     * ```kotlin
     * server.plainServer = true          // pyzmq: server.plain_server = True
     * client.plainUsername = "admin"     // the client side of PLAIN
     * client.plainPassword = "secret"
     * ```
     */
    @get:JvmName("isPlainServer")
    public var plainServer: Boolean
        get() = read(OptionTable.PLAIN_SERVER)
        set(value) = write(OptionTable.PLAIN_SERVER, value)

    /**
     * [ZMQ_PLAIN_USERNAME] The user name a PLAIN client sends (1 to 255 bytes of UTF-8). Setting it chooses PLAIN
     * as a client; `null` chooses NULL. Default `null`.
     */
    public var plainUsername: String?
        get() = read(OptionTable.PLAIN_USERNAME)
        set(value) = write(OptionTable.PLAIN_USERNAME, value)

    /**
     * [ZMQ_PLAIN_PASSWORD] The password a PLAIN client sends (1 to 255 bytes of UTF-8), in clear text. Setting it
     * chooses PLAIN as a client; `null` chooses NULL. Default `null`.
     */
    public var plainPassword: String?
        get() = read(OptionTable.PLAIN_PASSWORD)
        set(value) = write(OptionTable.PLAIN_PASSWORD, value)

    /**
     * [ZMQ_CURVE_SERVER] Take the server side of CURVE (RFC 25/26), whether this socket binds or connects; the
     * server needs [curveSecretKey]. Setting it true chooses CURVE, false chooses NULL. Reads true only while
     * CURVE is chosen in the server role. CURVE lives in the zmq-auth module: without it on the class path,
     * setting this (or a CURVE key) raises [MechanismUnavailableException]. Default false.
     */
    @get:JvmName("isCurveServer")
    public var curveServer: Boolean
        get() = read(OptionTable.CURVE_SERVER)
        set(value) = write(OptionTable.CURVE_SERVER, value)

    /**
     * [ZMQ_CURVE_PUBLICKEY] This socket's long-term CURVE public key (a client's; a server needs only its secret
     * key). Given as 32 bytes or as 40 Z85 characters (as bytes; by name also as a String), held and read as the
     * 32 bytes; any other size raises [InvalidOptionException]. Setting it chooses CURVE. Default `null`.
     */
    public var curvePublicKey: ByteArray?
        get() = read(OptionTable.CURVE_PUBLICKEY)
        set(value) = write(OptionTable.CURVE_PUBLICKEY, value)

    /** [ZMQ_CURVE_SECRETKEY] This socket's long-term CURVE secret key; sizes and forms as [curvePublicKey]. Setting it chooses CURVE. */
    public var curveSecretKey: ByteArray?
        get() = read(OptionTable.CURVE_SECRETKEY)
        set(value) = write(OptionTable.CURVE_SECRETKEY, value)

    /**
     * [ZMQ_CURVE_SERVERKEY] The server's long-term public key, which a CURVE client must know; sizes and forms as
     * [curvePublicKey]. Setting it chooses CURVE as a client. Default `null`.
     */
    public var curveServerKey: ByteArray?
        get() = read(OptionTable.CURVE_SERVERKEY)
        set(value) = write(OptionTable.CURVE_SERVERKEY, value)

    /**
     * [ZMQ_ZAP_DOMAIN] The ZAP domain (RFC 27) sent with this socket's authentication requests, at most 255 bytes.
     * With NULL, connections ask the ZAP handler only when a domain is set; PLAIN and CURVE servers ask whenever
     * a handler is bound. Default empty.
     */
    public var zapDomain: String
        get() = read(OptionTable.ZAP_DOMAIN)
        set(value) = write(OptionTable.ZAP_DOMAIN, value)

    /**
     * [ZMQ_ZAP_ENFORCE_DOMAIN] Refuse connections when ZAP should be asked but no handler is bound, instead of
     * letting NULL and CURVE connections through unauthenticated (libzmq's compatible default). A PLAIN server
     * always refuses without a handler. Default false.
     */
    @get:JvmName("isZapEnforceDomain")
    public var zapEnforceDomain: Boolean
        get() = read(OptionTable.ZAP_ENFORCE_DOMAIN)
        set(value) = write(OptionTable.ZAP_ENFORCE_DOMAIN, value)

    /**
     * [ZMQ_METADATA] Properties this socket announces to its peers in the handshake, which they read on received
     * messages (see [Metadata]). Names start with `X-`. By name, `setOption("METADATA", "X-Name:value")` adds
     * one, as libzmq does; a Map replaces them all. Default none.
     */
    public var metadata: Map<String, String>
        get() = read(OptionTable.METADATA)
        set(value) = write(OptionTable.METADATA, value)


    /**
     * Sets the option libzmq calls [name] (`"SNDHWM"`, `"ZMQ_LINGER"`; case-insensitive, with or without the
     * `ZMQ_` prefix; older names such as `IDENTITY` work too) to [value], converted as a configuration file needs:
     * - Int, Long and Boolean options take the number or its decimal text; Booleans also `true`/`false`, 1/0;
     * - durations take a [Duration], or a whole number of milliseconds (seconds for `TCP_KEEPALIVE_IDLE` and
     *   `TCP_KEEPALIVE_INTVL`, as in libzmq), where libzmq's "none" number (-1; 0 for `HANDSHAKE_IVL`,
     *   `HEARTBEAT_IVL` and `HEARTBEAT_TTL`) means `null`;
     * - `-1` is `null` for the options whose property is nullable (`MAXMSGSIZE`, `SNDBUF`, `TCP_KEEPALIVE`, ...);
     * - byte options (`ROUTING_ID`, ...) take a ByteArray, or text as UTF-8.
     *
     * @throws InvalidOptionException for an unknown name, a value that does not convert or is out of range, or an
     *   option that does not apply to this socket's type.
     * @throws SocketClosedException, [ContextClosedException] when the socket or its context is closed.
     */
    public fun setOption(name: String, value: Any?) {
        setConverted(OptionTable.named(name), value)
    }

    /**
     * The value of the option libzmq calls [name] (see [setOption] for names), as its typed property holds it:
     * an Int, Long, Boolean, [Duration], ByteArray, or null.
     *
     * @throws InvalidOptionException for an unknown name.
     */
    public fun getOption(name: String): Any? = read(OptionTable.named(name))

    /** Copies every option from [other] into this (on a socket, the ones that apply to its type). */
    public fun copyFrom(other: SocketOptions) {
        val type = socketType
        for (o in OptionTable.all) if (type == null || o.appliesTo(type)) copy(o, other)
    }

    private fun <T> setConverted(option: Option<T>, value: Any?) {
        val converted = option.kind.convert(option.toString(), value)
        if (option === OptionTable.METADATA && value !is Map<*, *>) {
            // libzmq's ZMQ_METADATA adds one "X-Name:value" property to those set before
            @Suppress("UNCHECKED_CAST")
            val added = converted as Map<String, String>
            val current: Map<String, String> = read(OptionTable.METADATA)
            write(OptionTable.METADATA, current + added)
            return
        }
        write(option, converted)
    }


    public companion object {
        /** A new, independent set of options holding libzmq's defaults; like a context's, it takes every option. */
        @JvmStatic
        public fun defaults(): SocketOptions = OptionValues()
    }
}
