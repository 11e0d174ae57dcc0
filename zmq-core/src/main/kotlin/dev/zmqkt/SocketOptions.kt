// Boolean options read isXxx() from Java. Kotlin rejects @JvmName on interface members and overrides unless
// suppressed (KT-31420): a renamed getter must be renamed the same way in every implementation, which holds here
// (OptionValues, and Socket by delegation, which copies the names).
@file:Suppress("INAPPLICABLE_JVM_NAME")

package dev.zmqkt

import java.time.Duration

/**
 * The options of a socket, as typed properties. Every [Socket] is a [SocketOptions]; [Context.defaultOptions]
 * holds the values new sockets start with.
 *
 * Names follow libzmq's `zmq_setsockopt` options (in brackets); so do defaults and meanings. A [Duration] that
 * may be `null` means "no limit" where libzmq uses `-1`. An option that takes effect at connection time applies
 * to connections made after it is set. An out-of-range value raises [InvalidOptionException].
 */
public interface SocketOptions {
    /** [ZMQ_SNDHWM] The most messages queued per peer for sending; 0 means no limit. Default 1000. */
    public var sendHighWaterMark: Int

    /** [ZMQ_RCVHWM] The most messages queued per peer after receiving; 0 means no limit. Default 1000. */
    public var receiveHighWaterMark: Int

    /**
     * [ZMQ_LINGER] How long unsent messages are kept, and their delivery tried, after the socket is closed.
     * `null` waits until they are delivered; zero drops them at once. Default `null`, as in libzmq.
     */
    public var linger: Duration?

    /**
     * [ZMQ_ROUTING_ID] The identity this socket announces to its peers (1 to 255 bytes, not starting with a
     * zero byte); `null` for none. Set it before binding or connecting.
     */
    public var routingId: ByteArray?

    /** [ZMQ_RECONNECT_IVL] The wait before reconnecting after a connection is lost or refused; `null` never reconnects. Default 100 ms. */
    public var reconnectInterval: Duration?

    /**
     * [ZMQ_RECONNECT_IVL_MAX] The most the reconnect wait grows to: each failed attempt doubles it up to this;
     * zero keeps it at [reconnectInterval]. Default zero.
     */
    public var reconnectIntervalMax: Duration

    /** [ZMQ_SNDTIMEO] How long `send` waits before raising [AgainException]; `null` waits forever. Default `null`. */
    public var sendTimeout: Duration?

    /** [ZMQ_RCVTIMEO] How long `receive` waits before raising [AgainException]; `null` waits forever. Default `null`. */
    public var receiveTimeout: Duration?

    /**
     * [ZMQ_MAXMSGSIZE] The largest inbound message frame in bytes (checked per frame, as libzmq does); a peer
     * that announces a bigger one is disconnected before anything is allocated for it. `null` for no limit.
     * Default `null`.
     */
    public var maxMessageSize: Long?

    /**
     * [ZMQ_IMMEDIATE] When true, messages are queued only to peers whose connection is complete, so a
     * connecting socket does not queue to a peer that is not there yet. Default false.
     */
    @get:JvmName("isImmediate")
    public var immediate: Boolean

    /** [ZMQ_HANDSHAKE_IVL] The most a ZMTP handshake may take before the connection is dropped; `null` for no limit. Default 30 s. */
    public var handshakeInterval: Duration?

    /** [ZMQ_HEARTBEAT_IVL] How often to send a ZMTP PING on each connection; `null` sends none. Default `null`. */
    public var heartbeatInterval: Duration?

    /**
     * [ZMQ_HEARTBEAT_TTL] The time-to-live sent in each PING: the peer drops the connection when it hears nothing
     * for this long (whole deciseconds, at most 6553.5 s). `null` sends none. Default `null`.
     */
    public var heartbeatTtl: Duration?

    /**
     * [ZMQ_HEARTBEAT_TIMEOUT] How long to wait for any traffic after sending a PING before dropping the
     * connection; `null` uses [heartbeatInterval]. Default `null`.
     */
    public var heartbeatTimeout: Duration?

    /** [ZMQ_TCP_KEEPALIVE] SO_KEEPALIVE on tcp connections; `null` leaves the system default. Default `null`. */
    public var tcpKeepAlive: Boolean?

    /** [ZMQ_TCP_KEEPALIVE_IDLE] Idle time before keepalive probes start; `null` for the system default. */
    public var tcpKeepAliveIdle: Duration?

    /** [ZMQ_TCP_KEEPALIVE_INTVL] Time between keepalive probes; `null` for the system default. */
    public var tcpKeepAliveInterval: Duration?

    /** [ZMQ_TCP_KEEPALIVE_CNT] Unanswered probes before the connection is dropped; `null` for the system default. */
    public var tcpKeepAliveCount: Int?

    /** [ZMQ_SNDBUF] The kernel send buffer size in bytes; `null` for the system default. */
    public var sendBufferSize: Int?

    /** [ZMQ_RCVBUF] The kernel receive buffer size in bytes; `null` for the system default. */
    public var receiveBufferSize: Int?

    /**
     * [ZMQ_BACKLOG] How many connections the kernel queues on a bound `tcp://` or `ipc://` endpoint before this
     * socket accepts them; the kernel may cap it (Linux: `net.core.somaxconn`). Set it before binding: a storm
     * of connects beyond it sees dropped SYNs and retries seconds later. Default 100.
     */
    public var backlog: Int

    /** [ZMQ_IPV6] When true, binding the wildcard host `*` listens on all IPv6 and IPv4 addresses and host names may resolve to IPv6. Default false. */
    @get:JvmName("isIpv6")
    public var ipv6: Boolean

    /**
     * [ZMQ_CONNECT_ROUTING_ID] The routing id a ROUTER gives the peer of its next [Socket.connect], instead of the
     * one the peer announces; used by that one connect and then cleared. 1 to 255 bytes, not starting with zero.
     */
    public var connectRoutingId: ByteArray?

    /**
     * [ZMQ_ROUTER_MANDATORY] ROUTER only: sending to an unknown peer raises [HostUnreachableException], and
     * sending to a peer whose queue is full waits (or raises [AgainException]) instead of dropping. Default false.
     */
    @get:JvmName("isRouterMandatory")
    public var routerMandatory: Boolean

    /**
     * [ZMQ_ROUTER_HANDOVER] ROUTER only: a new peer that announces a routing id already in use takes it over
     * (the old connection keeps working under a generated id); otherwise the new peer is refused. Default false.
     */
    @get:JvmName("isRouterHandover")
    public var routerHandover: Boolean

    /**
     * [ZMQ_PROBE_ROUTER] ROUTER, DEALER and REQ: send an empty message to each peer as soon as its link exists, so
     * a ROUTER peer learns this socket's routing id before any request. Default false.
     */
    @get:JvmName("isProbeRouter")
    public var probeRouter: Boolean

    /** [ZMQ_REQ_CORRELATE] REQ only: tag each request with an id and accept only the reply carrying it. Default false. */
    @get:JvmName("isRequestCorrelate")
    public var requestCorrelate: Boolean

    /**
     * [ZMQ_REQ_RELAXED] REQ only: allow a new request before the reply to the previous one arrived (that reply is
     * then discarded), so a client can retry after a timeout on the same socket. Default false.
     */
    @get:JvmName("isRequestRelaxed")
    public var requestRelaxed: Boolean

    /**
     * [ZMQ_CONFLATE] Keep only the newest message in each queue (PUSH, PULL, PUB, SUB, DEALER): older ones are
     * replaced, and the high-water marks do not apply. Set before binding or connecting. Default false.
     */
    @get:JvmName("isConflate")
    public var conflate: Boolean

    /**
     * [ZMQ_INVERT_MATCHING] PUB, XPUB and SUB: a message matches when its topic starts with none of the
     * subscriptions, instead of one of them. Publisher and subscribers must agree. Default false.
     */
    @get:JvmName("isInvertMatching")
    public var invertMatching: Boolean

    /** [ZMQ_XPUB_VERBOSE] XPUB: hand every subscription to the user, not only the first for each prefix. Default false. */
    @get:JvmName("isXpubVerbose")
    public var xpubVerbose: Boolean

    /** [ZMQ_XPUB_VERBOSER] XPUB: hand every subscription and every cancel to the user. Default false. */
    @get:JvmName("isXpubVerboser")
    public var xpubVerboser: Boolean

    /**
     * [ZMQ_XPUB_MANUAL] XPUB: subscriptions are not applied by themselves; the user receives each one and calls
     * [Socket.subscribe] or [Socket.unsubscribe] to apply a subscription for the subscriber it came from.
     * Default false.
     */
    @get:JvmName("isXpubManual")
    public var xpubManual: Boolean

    /** [ZMQ_XPUB_NODROP] XPUB: when a subscriber's queue is full, sending waits (or times out) instead of dropping. Default false. */
    @get:JvmName("isXpubNoDrop")
    public var xpubNoDrop: Boolean

    /** [ZMQ_XPUB_WELCOME_MSG] XPUB: a message sent to each new subscriber first (it must subscribe to its topic). */
    public var xpubWelcomeMessage: ByteArray?

    /** Copies every option from [other] into this. */
    public fun copyFrom(other: SocketOptions) {
        sendHighWaterMark = other.sendHighWaterMark
        receiveHighWaterMark = other.receiveHighWaterMark
        linger = other.linger
        routingId = other.routingId
        reconnectInterval = other.reconnectInterval
        reconnectIntervalMax = other.reconnectIntervalMax
        sendTimeout = other.sendTimeout
        receiveTimeout = other.receiveTimeout
        maxMessageSize = other.maxMessageSize
        immediate = other.immediate
        handshakeInterval = other.handshakeInterval
        heartbeatInterval = other.heartbeatInterval
        heartbeatTtl = other.heartbeatTtl
        heartbeatTimeout = other.heartbeatTimeout
        tcpKeepAlive = other.tcpKeepAlive
        tcpKeepAliveIdle = other.tcpKeepAliveIdle
        tcpKeepAliveInterval = other.tcpKeepAliveInterval
        tcpKeepAliveCount = other.tcpKeepAliveCount
        sendBufferSize = other.sendBufferSize
        receiveBufferSize = other.receiveBufferSize
        ipv6 = other.ipv6
        backlog = other.backlog
        connectRoutingId = other.connectRoutingId
        routerMandatory = other.routerMandatory
        routerHandover = other.routerHandover
        probeRouter = other.probeRouter
        requestCorrelate = other.requestCorrelate
        requestRelaxed = other.requestRelaxed
        conflate = other.conflate
        invertMatching = other.invertMatching
        xpubVerbose = other.xpubVerbose
        xpubVerboser = other.xpubVerboser
        xpubManual = other.xpubManual
        xpubNoDrop = other.xpubNoDrop
        xpubWelcomeMessage = other.xpubWelcomeMessage
    }

    public companion object {
        /** A new, independent set of options holding libzmq's defaults. */
        @JvmStatic
        public fun defaults(): SocketOptions = dev.zmqkt.internal.OptionValues()
    }
}
