@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.auth.internal.curve.CurveCommand
import dev.zmqkt.auth.internal.curve.CurveServerHandshake
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * CURVE's server side for zmq-core ([CurveServerHandshake] with the socket's `curveSecretKey`). After a valid
 * INITIATE it asks ZAP with the client's 32-byte long-term public key, by libzmq's rules: when `zapDomain` is set
 * or `zapEnforceDomain` is off; with no handler bound it goes on (the Stonehouse pattern: encryption without
 * authentication) unless `zapEnforceDomain`; a refusal sends ERROR with the status (none for 300).
 */
internal class CurveServerMechanism(private val context: MechanismContext) : MechanismHandshake {
    private val machine = CurveServerHandshake(keyOrZeros(context.options.curveSecretKey), context.ourProperties())

    override var peerProperties: Metadata = Metadata.EMPTY
        private set

    override var frameCodec: FrameCodec? = null
        private set

    override val isComplete: Boolean get() = frameCodec != null

    override suspend fun nextCommand(): HandshakeCommand? {
        val command = curveStep { machine.nextCommand() } ?: return null
        if (machine.isComplete) frameCodec = CurveFrameCodec(machine.codec)
        return HandshakeCommand(command.name, command.data)
    }

    override suspend fun receive(command: HandshakeCommand) {
        curveStep { machine.receive(CurveCommand(command.name, command.data)) }
        if (!machine.awaitingAuthentication) return
        val metadata = machine.peerMetadata
        peerProperties = context.parseProperties(metadata, 0, metadata.size, MechanismException.MALFORMED_COMMAND_INITIATE)
        authenticate()
        machine.accept()
    }

    private suspend fun authenticate() {
        val options = context.options
        if (options.zapDomain.isEmpty() && options.zapEnforceDomain) return
        val reply = context.authenticate(CurveMechanismProvider.NAME, listOf(machine.clientPublicKey.copyOf()))
        when {
            reply == null -> if (options.zapEnforceDomain) throw MechanismException.noZapHandler()
            !reply.isAccepted -> throw reply.failure()
        }
    }
}
