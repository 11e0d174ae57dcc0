@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.MechanismProvider
import dev.zmqkt.mechanism.ZmqMechanismApi

/** The NULL mechanism (RFC 23/37): no security. */
internal object NullMechanismProvider : MechanismProvider {
    override val name: String = "NULL"

    override fun newHandshake(context: MechanismContext): MechanismHandshake = NullHandshake(context)
}

/**
 * NULL's handshake: each side sends READY with its properties and is done when the peer's READY arrives. With a
 * `zapDomain`, the ZAP handler is asked first (libzmq's `null_mechanism_t`): a refusal sends ERROR with the status
 * (none for 300); with no handler the connection goes on, unless `zapEnforceDomain` is set.
 */
internal class NullHandshake(private val context: MechanismContext) : MechanismHandshake {
    private var readySent = false
    private var readyReceived = false

    override var peerProperties: Metadata = Metadata.EMPTY
        private set

    override val isComplete: Boolean get() = readySent && readyReceived

    override val frameCodec: FrameCodec? get() = null

    override suspend fun nextCommand(): HandshakeCommand? {
        if (readySent) return null
        if (context.options.zapDomain.isNotEmpty()) authenticate()
        readySent = true
        return HandshakeCommand(READY, context.ourProperties())
    }

    private suspend fun authenticate() {
        val reply = context.authenticate(NullMechanismProvider.name, emptyList())
        if (reply == null) {
            if (context.options.zapEnforceDomain) throw MechanismException.noZapHandler()
        } else if (!reply.isAccepted) {
            throw reply.failure()
        }
    }

    override suspend fun receive(command: HandshakeCommand) {
        when (command.name) {
            READY -> {
                if (readyReceived) {
                    throw MechanismException.protocol(MechanismException.UNEXPECTED_COMMAND, "second READY")
                }
                peerProperties = context.parseProperties(
                    command.data, 0, command.data.size, MechanismException.MALFORMED_COMMAND_READY,
                )
                readyReceived = true
            }
            ERROR -> throw MechanismException.peerError(HandshakeCommand.errorReason(command.data))
            else -> throw MechanismException.protocol(
                MechanismException.UNEXPECTED_COMMAND, "unexpected ${command.name} during the NULL handshake",
            )
        }
    }

    private companion object {
        const val READY = "READY"
        const val ERROR = "ERROR"
    }
}
