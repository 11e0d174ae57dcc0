@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.engine

import dev.zmqkt.Metadata
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Properties
import dev.zmqkt.internal.codec.ZapMessages
import dev.zmqkt.internal.codec.ZmtpProtocolException
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.ZapReply
import dev.zmqkt.mechanism.ZmqMechanismApi
import kotlinx.coroutines.async
import kotlinx.coroutines.coroutineScope
import java.io.IOException

/**
 * What one connection's handshake gets from zmq-kt ([MechanismContext]): the host's options and type, the
 * properties to announce, and ZAP through the host's [ZapChannel]. Remembers the ZAP handler's accepting reply,
 * whose `User-Id` and metadata join the connection's [Metadata].
 *
 * While a ZAP request is pending, [watchPeer] watches the connection, so that a peer that goes away ends the
 * handshake at once (libzmq notices too) instead of at the handshake's time limit.
 */
internal class ConnectionMechanismContext(
    private val host: EngineHost,
    override val peerAddress: String,
    /** Suspends until the peer closes the connection, then throws [IOException]; cancelled once ZAP replies. */
    private val watchPeer: suspend () -> Nothing,
) : MechanismContext {
    override val socketType: SocketType get() = host.socketType
    override val options: SocketOptions get() = host.options

    override val isServer: Boolean
        get() = when (host.options.mechanism) {
            SecurityMechanism.PLAIN -> host.options.plainServer
            SecurityMechanism.CURVE -> host.options.curveServer
            SecurityMechanism.NULL -> false
        }

    /** The accepting ZAP reply, if ZAP was asked. */
    var zapReply: ZapReply? = null
        private set

    override fun ourProperties(): ByteArray = Properties.encode(
        Properties.announced(host.socketType.zmtpName, host.options.routingId, host.options.metadata),
    )

    override fun parseProperties(data: ByteArray, offset: Int, length: Int, errorCode: Int): Metadata {
        if (offset < 0 || length < 0 || offset + length > data.size) {
            throw IndexOutOfBoundsException("offset $offset, length $length, array size ${data.size}")
        }
        return try {
            Properties.decode(data, offset, offset + length, errorCode)
        } catch (e: ZmtpProtocolException) {
            throw MechanismException.protocol(e.code, e.message ?: "malformed metadata")
        }
    }

    override suspend fun authenticate(mechanism: String, credentials: List<ByteArray>): ZapReply? {
        val zap = host.openZap() ?: return null
        try {
            val request = ZapMessages.request(
                host.options.zapDomain, peerAddress, host.options.routingId ?: ByteArray(0), mechanism, credentials,
            )
            if (!zap.send(request)) return null
            val message = coroutineScope {
                val watcher = async { watchPeer() }
                try {
                    zap.receive()
                } finally {
                    watcher.cancel()
                }
            } ?: throw MechanismException.zapHandlerGone()
            val reply = try {
                ZapMessages.parseReply(message)
            } catch (e: ZmtpProtocolException) {
                throw MechanismException.protocol(e.code, e.message ?: "malformed ZAP reply")
            }
            if (reply.isAccepted) zapReply = reply
            return reply
        } finally {
            zap.close()
        }
    }
}
