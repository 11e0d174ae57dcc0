package dev.zmqkt.internal.transport

/** One bound or connected endpoint of a socket: a listener, or a connecting session. */
internal interface EndpointHandle {
    /** The endpoint as resolved (the bound port filled in); what `lastEndpoint` reports. */
    val endpoint: String

    /** Unbind or disconnect: stop, and end the connections that belong to this endpoint. */
    fun close()

    /** The socket is closing: stop making new connections; existing ones end once their queues drain (linger). */
    fun onSocketClose()
}
