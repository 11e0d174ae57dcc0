@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.Metadata
import dev.zmqkt.internal.mechanism.PlainMechanismProvider.ERROR
import dev.zmqkt.internal.mechanism.PlainMechanismProvider.HELLO
import dev.zmqkt.internal.mechanism.PlainMechanismProvider.INITIATE
import dev.zmqkt.internal.mechanism.PlainMechanismProvider.READY
import dev.zmqkt.internal.mechanism.PlainMechanismProvider.WELCOME
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.ZmqMechanismApi

/** PLAIN's client side (libzmq's `plain_client_t`): HELLO, then INITIATE after WELCOME, done on READY. */
internal class PlainClientHandshake(private val context: MechanismContext) : MechanismHandshake {
    private var state = SENDING_HELLO

    override var peerProperties: Metadata = Metadata.EMPTY
        private set

    override val isComplete: Boolean get() = state == DONE

    override val frameCodec: FrameCodec? get() = null

    override suspend fun nextCommand(): HandshakeCommand? = when (state) {
        SENDING_HELLO -> {
            state = WAITING_FOR_WELCOME
            hello()
        }
        SENDING_INITIATE -> {
            state = WAITING_FOR_READY
            HandshakeCommand(INITIATE, context.ourProperties())
        }
        else -> null
    }

    private fun hello(): HandshakeCommand {
        val user = (context.options.plainUsername ?: "").toByteArray(Charsets.UTF_8)
        val password = (context.options.plainPassword ?: "").toByteArray(Charsets.UTF_8)
        val data = ByteArray(2 + user.size + password.size)
        data[0] = user.size.toByte()
        user.copyInto(data, 1)
        data[1 + user.size] = password.size.toByte()
        password.copyInto(data, 2 + user.size)
        return HandshakeCommand(HELLO, data)
    }

    override suspend fun receive(command: HandshakeCommand) {
        when (command.name) {
            WELCOME -> {
                expect(state == WAITING_FOR_WELCOME, command)
                if (command.data.isNotEmpty()) {
                    throw MechanismException.protocol(MechanismException.MALFORMED_COMMAND_WELCOME, "WELCOME carries data")
                }
                state = SENDING_INITIATE
            }
            READY -> {
                expect(state == WAITING_FOR_READY, command)
                // libzmq reports bad properties in READY as invalid metadata
                peerProperties =
                    context.parseProperties(command.data, 0, command.data.size, MechanismException.INVALID_METADATA)
                state = DONE
            }
            ERROR -> {
                expect(state == WAITING_FOR_WELCOME || state == WAITING_FOR_READY, command)
                throw MechanismException.peerError(HandshakeCommand.errorReason(command.data))
            }
            else -> expect(false, command)
        }
    }

    private fun expect(condition: Boolean, command: HandshakeCommand) {
        if (!condition) {
            throw MechanismException.protocol(
                MechanismException.UNEXPECTED_COMMAND, "unexpected ${command.name} in the PLAIN handshake",
            )
        }
    }

    private companion object {
        const val SENDING_HELLO = 0
        const val WAITING_FOR_WELCOME = 1
        const val SENDING_INITIATE = 2
        const val WAITING_FOR_READY = 3
        const val DONE = 4
    }
}
