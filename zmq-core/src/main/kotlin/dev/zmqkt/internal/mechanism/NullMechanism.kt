package dev.zmqkt.internal.mechanism

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.Metadata
import dev.zmqkt.internal.codec.ProtocolError
import dev.zmqkt.internal.codec.ZmtpProtocolException

/**
 * The NULL mechanism (RFC 23/37): no security; each side sends READY with its properties and the handshake is
 * done when the peer's READY arrives. An ERROR from the peer ends the handshake.
 */
internal class NullMechanism(private val ourMetadata: Metadata) : Mechanism {
    override val name: String = NAME
    override var status: Mechanism.Status = Mechanism.Status.HANDSHAKING
        private set
    override var peerMetadata: Metadata = Metadata(emptyList())
        private set
    override var failure: HandshakeFailure? = null
        private set

    private var readySent = false
    private var readyReceived = false

    override fun nextCommand(): Command? {
        if (readySent) return null
        readySent = true
        updateStatus()
        return Command.ready(ourMetadata)
    }

    override fun receive(command: Command) {
        when (command.name) {
            Command.READY -> {
                if (readyReceived) {
                    throw ZmtpProtocolException("second READY", ProtocolError.ZMTP_UNEXPECTED_COMMAND)
                }
                peerMetadata = Metadata.decode(command.data)
                readyReceived = true
                updateStatus()
            }
            Command.ERROR -> {
                val reason = Command.errorReason(command)
                failure = HandshakeFailure("peer sent ERROR: $reason", errorToSend = null)
                status = Mechanism.Status.FAILED
            }
            else -> throw ZmtpProtocolException(
                "unexpected ${command.name} during the NULL handshake",
                ProtocolError.ZMTP_UNEXPECTED_COMMAND,
            )
        }
    }

    private fun updateStatus() {
        if (readySent && readyReceived) status = Mechanism.Status.READY
    }

    companion object {
        const val NAME = "NULL"
    }
}
