@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.auth.internal.curve.CurveClientHandshake
import dev.zmqkt.auth.internal.curve.CurveCommand
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * CURVE's client side for zmq-core ([CurveClientHandshake] with the socket's keys): `curvePublicKey`,
 * `curveSecretKey` and `curveServerKey`, each 32 zero bytes when unset (libzmq's behaviour: the handshake then
 * fails, cryptographically). The server's READY metadata becomes [peerProperties]; malformed, it is
 * INVALID_METADATA as in libzmq.
 */
internal class CurveClientMechanism(private val context: MechanismContext) : MechanismHandshake {
    private val machine = CurveClientHandshake(
        keyOrZeros(context.options.curvePublicKey),
        keyOrZeros(context.options.curveSecretKey),
        keyOrZeros(context.options.curveServerKey),
        context.ourProperties(),
    )

    override var peerProperties: Metadata = Metadata.EMPTY
        private set

    override var frameCodec: FrameCodec? = null
        private set

    override val isComplete: Boolean get() = frameCodec != null

    override suspend fun nextCommand(): HandshakeCommand? =
        curveStep { machine.nextCommand() }?.let { HandshakeCommand(it.name, it.data) }

    override suspend fun receive(command: HandshakeCommand) {
        curveStep { machine.receive(CurveCommand(command.name, command.data)) }
        if (machine.isComplete) {
            val metadata = machine.peerMetadata
            peerProperties = context.parseProperties(metadata, 0, metadata.size, MechanismException.INVALID_METADATA)
            frameCodec = CurveFrameCodec(machine.codec)
        }
    }
}
