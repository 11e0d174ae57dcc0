package dev.zmqkt

/**
 * The ZeroMQ socket types zmq-kt implements. Each name is the one ZMTP puts in the `Socket-Type` property.
 *
 * | type | sends | receives | pattern |
 * |---|---|---|---|
 * | [PAIR] | to its one peer | from its one peer | exclusive pair (RFC 31) |
 * | [PUSH] | round-robin over peers | - | pipeline (RFC 30) |
 * | [PULL] | - | fair-queued from peers | pipeline (RFC 30) |
 * | [REQ] | a request, round-robin | the reply to it | request-reply (RFC 28) |
 * | [REP] | the reply, to the requester | requests, fair-queued | request-reply (RFC 28) |
 * | [DEALER] | round-robin over peers | fair-queued from peers | request-reply (RFC 28) |
 * | [ROUTER] | to the peer named by the first frame | prefixed with the sender's routing id | request-reply (RFC 28) |
 * | [PUB] | to every matching subscriber | - | publish-subscribe (RFC 29) |
 * | [SUB] | (subscriptions) | messages matching its subscriptions | publish-subscribe (RFC 29) |
 * | [XPUB] | like PUB | subscription messages | publish-subscribe (RFC 29) |
 * | [XSUB] | subscription messages | like SUB | publish-subscribe (RFC 29) |
 */
public enum class SocketType {
    /** Exclusive pair: exactly one peer, both directions (RFC 31). */
    PAIR,

    /** Pipeline sender: round-robins messages to its peers (RFC 30). */
    PUSH,

    /** Pipeline receiver: fair-queues messages from its peers (RFC 30). */
    PULL,

    /**
     * Request client: sends a request to one peer (round-robin), then must receive that peer's reply before
     * sending again (RFC 28). An empty delimiter frame is added and removed for you.
     */
    REQ,

    /** Reply service: receives one request at a time and sends the reply back to its requester (RFC 28). */
    REP,

    /** Asynchronous request-reply: round-robins out, fair-queues in, no envelope handling (RFC 28). */
    DEALER,

    /**
     * Routes by peer: each received message starts with a frame naming the peer it came from; each sent
     * message starts with the frame naming the peer to send it to (RFC 28).
     */
    ROUTER,

    /**
     * Publisher: each message goes to every subscriber whose subscription matches it; a subscriber that cannot
     * keep up misses messages; sending never blocks (RFC 29).
     */
    PUB,

    /** Subscriber: receives the messages matching its subscriptions ([Socket.subscribe]) (RFC 29). */
    SUB,

    /**
     * Publisher that also receives its subscribers' subscriptions as messages (`0x01` or `0x00` followed by the
     * prefix), for proxies and for publishers that act on subscriptions (RFC 29).
     */
    XPUB,

    /** Subscriber that subscribes by sending subscription messages, for proxies (RFC 29). */
    XSUB,
    ;

    /** The name ZMTP uses for this type in the `Socket-Type` property. */
    public val zmtpName: String get() = name
}
