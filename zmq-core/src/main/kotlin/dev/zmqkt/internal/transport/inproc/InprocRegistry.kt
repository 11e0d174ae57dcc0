package dev.zmqkt.internal.transport.inproc

import dev.zmqkt.AddressInUseException

/**
 * The inproc endpoints of one context: which socket is bound to each name, and connections made before their
 * bind (libzmq 4 allows either order). Connections are wired as soon as both ends exist.
 */
internal class InprocRegistry {
    private val lock = Any()
    private val bound = HashMap<String, InprocListener>()
    private val waiting = HashMap<String, MutableList<InprocConnection>>()

    /** Registers [listener]; returns the connections that were waiting for it. */
    fun bind(listener: InprocListener): List<InprocConnection> = synchronized(lock) {
        if (bound.containsKey(listener.name)) {
            throw AddressInUseException("inproc://${listener.name} is already bound in this context")
        }
        bound[listener.name] = listener
        waiting.remove(listener.name).orEmpty()
    }

    /** The listener bound to `inproc://[name]`, or null. */
    fun bound(name: String): InprocListener? = synchronized(lock) { bound[name] }

    fun unbind(listener: InprocListener) {
        synchronized(lock) { if (bound[listener.name] === listener) bound.remove(listener.name) }
    }

    /** The listener bound to [connection]'s name, or null after queueing the connection until one binds. */
    fun connect(connection: InprocConnection): InprocListener? = synchronized(lock) {
        bound[connection.name] ?: run {
            waiting.getOrPut(connection.name) { ArrayList() }.add(connection)
            null
        }
    }

    /** Forgets a connection still waiting for its bind. */
    fun cancel(connection: InprocConnection) {
        synchronized(lock) { waiting[connection.name]?.remove(connection) }
    }
}
