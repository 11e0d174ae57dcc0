package dev.zmqkt.internal.options

import dev.zmqkt.InvalidOptionException
import dev.zmqkt.SocketType
import dev.zmqkt.internal.OptionValues

/**
 * One socket option: everything zmq-kt knows about it, in one place. [OptionTable] lists them all; the typed
 * properties of `SocketOptions`, validation, copying from a context's defaults, access by libzmq name and the
 * socket-type check all read this descriptor.
 *
 * @property index the option's slot in an `OptionValues`.
 * @property property the Kotlin property name (`sendHighWaterMark`), used in error messages.
 * @property libzmqName libzmq's name without the `ZMQ_` prefix (`SNDHWM`).
 * @property aliases older libzmq names that mean the same option (`IDENTITY` for `ROUTING_ID`).
 * @property socketTypes the socket types the option applies to (libzmq's `zmq_setsockopt` "applicable socket
 *   types"); `null` for every type.
 * @property readOnly whether users may only read it (libzmq's get-only options, such as `ZMQ_MECHANISM`).
 * @property afterSet what setting it also changes (options that choose the security mechanism), run after a user
 *   sets it; not when options are copied whole.
 */
internal class Option<T>(
    val index: Int,
    val property: String,
    val libzmqName: String,
    val kind: OptionKind<T>,
    val default: T,
    val socketTypes: Set<SocketType>?,
    val aliases: List<String>,
    private val check: (String, T) -> Unit,
    val readOnly: Boolean = false,
    val afterSet: ((OptionValues, T) -> Unit)? = null,
) {
    /** Whether the option applies to sockets of [type]. */
    fun appliesTo(type: SocketType): Boolean = socketTypes == null || type in socketTypes

    /** [value] checked against the option's range and ready to store; raises [InvalidOptionException]. */
    fun validated(value: T): T {
        if (readOnly) throw InvalidOptionException("$property (ZMQ_$libzmqName) can be read, not set")
        check(property, value)
        return kind.stored(value)
    }

    /** Raises [InvalidOptionException] unless the option applies to sockets of [type]. */
    fun checkApplies(type: SocketType) {
        if (appliesTo(type)) return
        val types = socketTypes!!.sortedBy { it.ordinal }.joinToString(", ") { it.name }
        throw InvalidOptionException("$property (ZMQ_$libzmqName) applies to $types sockets, not to ${type.name}")
    }

    override fun toString(): String = "ZMQ_$libzmqName"
}
