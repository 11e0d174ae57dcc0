package dev.zmqkt.internal.session

import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.SocketEvents
import dev.zmqkt.internal.engine.EngineExit

/** Reports how an engine ended as monitor events, as libzmq does: a handshake failure, then the disconnect. */
internal fun SocketEvents.reportExit(exit: EngineExit, endpoint: String, connectionId: Long) {
    when (exit) {
        is EngineExit.HandshakeFailed ->
            emit(SocketEventType.HANDSHAKE_FAILED_NO_DETAIL, endpoint, exit.errno.toLong(), exit.description)
        is EngineExit.HandshakeProtocolError ->
            emit(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, endpoint, exit.code.toLong(), exit.description)
        is EngineExit.HandshakeAuthFailed ->
            emit(SocketEventType.HANDSHAKE_FAILED_AUTH, endpoint, exit.statusCode.toLong(), exit.description)
        is EngineExit.ProtocolError -> exit.eventCode?.let {
            emit(SocketEventType.HANDSHAKE_FAILED_PROTOCOL, endpoint, it.toLong(), exit.description)
        }
        else -> {}
    }
    if (exit is EngineExit.Finished) {
        emit(SocketEventType.CLOSED, endpoint, connectionId)
    } else {
        emit(SocketEventType.DISCONNECTED, endpoint, connectionId, exit.description)
    }
}
