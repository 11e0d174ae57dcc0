@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.support

import dev.zmqkt.Metadata
import dev.zmqkt.SocketOptions
import dev.zmqkt.SocketType
import dev.zmqkt.internal.codec.Properties
import dev.zmqkt.internal.codec.ZmtpProtocolException
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.ZapReply
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * A [MechanismContext] without a connection, for driving a mechanism's handshake by hand: its own [options], and a
 * ZAP handler given as a function ([zap] returns the reply; null stands for "no handler bound").
 */
class TestMechanismContext(
    override val socketType: SocketType,
    override val options: SocketOptions = SocketOptions.defaults(),
    override val isServer: Boolean = false,
    override val peerAddress: String = "127.0.0.1",
    private val zap: suspend (mechanism: String, credentials: List<ByteArray>) -> ZapReply? = { _, _ -> null },
) : MechanismContext {
    /** The ZAP requests made, as (mechanism, credentials). */
    val zapRequests = mutableListOf<Pair<String, List<ByteArray>>>()

    override fun ourProperties(): ByteArray =
        Properties.encode(Properties.announced(socketType.zmtpName, options.routingId, options.metadata))

    override fun parseProperties(data: ByteArray, offset: Int, length: Int, errorCode: Int): Metadata = try {
        Properties.decode(data, offset, offset + length, errorCode)
    } catch (e: ZmtpProtocolException) {
        throw MechanismException.protocol(e.code, e.message!!)
    }

    override suspend fun authenticate(mechanism: String, credentials: List<ByteArray>): ZapReply? {
        zapRequests += mechanism to credentials
        return zap(mechanism, credentials)
    }
}
