package dev.zmqkt

/**
 * Base class of every error zmq-kt raises on purpose.
 *
 * Each subclass corresponds to one libzmq `errno` so code ported from libzmq or pyzmq can map them one to one;
 * [errorName] holds that name (`EAGAIN`, `ETERM`, ...).
 */
public open class ZmqException(
    message: String,
    /** The libzmq `errno` name this error corresponds to, such as `EAGAIN`. */
    public val errorName: String,
    cause: Throwable? = null,
) : RuntimeException(message, cause)

/**
 * A send or receive could not complete in time: the socket's send or receive timeout expired, or a non-waiting
 * call found nothing to do (pyzmq's `zmq.Again`, libzmq's `EAGAIN`).
 */
public class AgainException(message: String) : ZmqException(message, "EAGAIN")

/** The socket was closed, before or while the operation ran (libzmq's `ENOTSOCK`). */
public class SocketClosedException(message: String) : ZmqException(message, "ENOTSOCK")

/** The socket's context was closed, before or while the operation ran (libzmq's `ETERM`). */
public class ContextClosedException(message: String) : ZmqException(message, "ETERM")

/** An endpoint string could not be parsed, or names an address that does not exist (libzmq's `EINVAL`). */
public class InvalidEndpointException(message: String, cause: Throwable? = null) :
    ZmqException(message, "EINVAL", cause)

/** The endpoint names a transport zmq-kt does not support, such as `pgm://` (libzmq's `EPROTONOSUPPORT`). */
public class UnsupportedTransportException(message: String) : ZmqException(message, "EPROTONOSUPPORT")

/** Binding failed because the address is already in use (libzmq's `EADDRINUSE`). */
public class AddressInUseException(message: String, cause: Throwable? = null) :
    ZmqException(message, "EADDRINUSE", cause)

/** The endpoint is not bound or connected on this socket, so it cannot be unbound or disconnected (`ENOENT`). */
public class EndpointNotFoundException(message: String) : ZmqException(message, "ENOENT")

/** The operation is not allowed for this socket type, such as receiving on a PUSH socket (libzmq's `ENOTSUP`). */
public class OperationNotSupportedException(message: String) : ZmqException(message, "ENOTSUP")

/**
 * The operation is not allowed in the socket's current state, such as a REQ socket sending twice without
 * receiving the reply (libzmq's `EFSM`).
 */
public class InvalidStateException(message: String) : ZmqException(message, "EFSM")

/** A socket option was given a value outside its range (libzmq's `EINVAL`). */
public class InvalidOptionException(message: String) : ZmqException(message, "EINVAL")

/** A message could not be routed to its destination, such as ROUTER mandatory with an unknown peer (`EHOSTUNREACH`). */
public class HostUnreachableException(message: String) : ZmqException(message, "EHOSTUNREACH")

/**
 * A socket option chose a security mechanism whose implementation is not on the class path: CURVE needs the
 * zmq-auth module (libzmq raises `EINVAL` when built without CURVE).
 */
public class MechanismUnavailableException(message: String) : ZmqException(message, "EINVAL")
