package dev.zmqkt.log

/**
 * True for zmq-kt's own loggers (`dev.zmqkt.` and below): their records are never published, so that the
 * publisher's own sockets logging about themselves cannot feed back into it.
 */
internal fun isOwnLogger(name: String?): Boolean = name != null && name.startsWith("dev.zmqkt.")
