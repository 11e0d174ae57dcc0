package dev.zmqkt.internal

import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.internal.options.Option
import dev.zmqkt.internal.options.OptionTable
import java.util.concurrent.atomic.AtomicReferenceArray

/**
 * The stored, validated values behind [SocketOptions], one slot per [OptionTable] entry; defaults are libzmq's.
 *
 * A socket's values know its [socketType] (options for other types are refused) and a [guard] that raises when
 * the socket or its context is closed. A context's defaults have neither: they accept every option, and a socket
 * made from them takes only the ones that apply to its type. Values are read and written with volatile
 * semantics, so a connection started on another thread sees the values set before it.
 */
internal class OptionValues(
    override val socketType: SocketType? = null,
    private val guard: (() -> Unit)? = null,
) : SocketOptions() {
    private val values = AtomicReferenceArray<Any?>(OptionTable.all.size)

    init {
        for (o in OptionTable.all) values.set(o.index, o.default)
    }

    // Some options are read per message (invertMatching, xpubNoDrop): only byte arrays need exporting (a copy).
    @Suppress("UNCHECKED_CAST")
    override fun <T> read(option: Option<T>): T {
        val value = values.get(option.index)
        return if (value is ByteArray) option.kind.exported(value as T) else value as T
    }

    override fun <T> write(option: Option<T>, value: T) {
        guard?.invoke()
        socketType?.let(option::checkApplies)
        values.set(option.index, option.validated(value))
        option.afterSet?.invoke(this, value)
    }

    override fun <T> copy(option: Option<T>, from: SocketOptions) {
        guard?.invoke()
        values.set(option.index, option.kind.stored(from.read(option)))
    }

    /** Sets [option] for zmq-kt's own use: no closed or type check (e.g. clearing CONNECT_ROUTING_ID once used). */
    fun <T> put(option: Option<T>, value: T) {
        values.set(option.index, option.kind.stored(value))
    }

    /** Takes from [defaults] every option that applies to this socket's type; the others keep libzmq's default. */
    fun takeDefaults(defaults: OptionValues) {
        for (o in OptionTable.all) {
            if (socketType == null || o.appliesTo(socketType)) values.set(o.index, defaults.values.get(o.index))
        }
    }

    /** A snapshot copy, so a connection keeps the values it started with. */
    fun snapshot(): OptionValues = OptionValues(socketType).also {
        for (i in 0 until values.length()) it.values.set(i, values.get(i))
    }
}
