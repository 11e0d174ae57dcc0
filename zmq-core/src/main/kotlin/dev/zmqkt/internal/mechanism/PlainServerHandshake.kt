@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.Metadata
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

/**
 * PLAIN's server side (libzmq's `plain_server_t`): waits for HELLO, has the ZAP handler check the user name and
 * password (there must be one: without a handler every client is refused), answers WELCOME, waits for INITIATE,
 * answers READY. A refusal sends ERROR with the ZAP status code (none for 300).
 */
internal class PlainServerHandshake(private val context: MechanismContext) : MechanismHandshake {
    private var state = WAITING_FOR_HELLO

    override var peerProperties: Metadata = Metadata.EMPTY
        private set

    override val isComplete: Boolean get() = state == DONE

    override val frameCodec: FrameCodec? get() = null

    override suspend fun nextCommand(): HandshakeCommand? = when (state) {
        SENDING_WELCOME -> {
            state = WAITING_FOR_INITIATE
            HandshakeCommand(WELCOME, ByteArray(0))
        }
        SENDING_READY -> {
            state = DONE
            HandshakeCommand(READY, context.ourProperties())
        }
        else -> null
    }

    override suspend fun receive(command: HandshakeCommand) {
        when (state) {
            WAITING_FOR_HELLO -> {
                expectName(HELLO, command)
                val (user, password) = parseHello(command.data)
                val reply = context.authenticate(PlainMechanismProvider.name, listOf(user, password))
                    ?: throw MechanismException.noZapHandler()
                if (!reply.isAccepted) throw reply.failure()
                state = SENDING_WELCOME
            }
            WAITING_FOR_INITIATE -> {
                expectName(INITIATE, command)
                peerProperties = context.parseProperties(
                    command.data, 0, command.data.size, MechanismException.MALFORMED_COMMAND_INITIATE,
                )
                state = SENDING_READY
            }
            else -> throw MechanismException.protocol(
                MechanismException.UNSPECIFIED, "unexpected ${command.name} in the PLAIN handshake",
            )
        }
    }

    private fun expectName(name: String, command: HandshakeCommand) {
        if (command.name != name) {
            throw MechanismException.protocol(
                MechanismException.UNEXPECTED_COMMAND, "expected $name, got ${command.name} in the PLAIN handshake",
            )
        }
    }

    /** User name and password from HELLO's data: each a 1-byte length and its bytes, nothing after. */
    private fun parseHello(data: ByteArray): Pair<ByteArray, ByteArray> {
        if (data.isEmpty()) malformed("HELLO has no user name")
        val userLength = data[0].toInt() and 0xFF
        val passwordAt = 1 + userLength
        if (passwordAt > data.size) malformed("HELLO's user name overruns the command")
        if (passwordAt == data.size) malformed("HELLO has no password")
        val passwordLength = data[passwordAt].toInt() and 0xFF
        if (passwordAt + 1 + passwordLength != data.size) malformed("HELLO's password does not end the command")
        return data.copyOfRange(1, passwordAt) to data.copyOfRange(passwordAt + 1, data.size)
    }

    private fun malformed(reason: String): Nothing =
        throw MechanismException.protocol(MechanismException.MALFORMED_COMMAND_HELLO, reason)

    private companion object {
        const val WAITING_FOR_HELLO = 0
        const val SENDING_WELCOME = 1
        const val WAITING_FOR_INITIATE = 2
        const val SENDING_READY = 3
        const val DONE = 4
    }
}
