@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.support

import dev.zmqkt.Metadata
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.MechanismProvider
import dev.zmqkt.mechanism.UnwrappedFrame
import dev.zmqkt.mechanism.ZmqMechanismApi
import java.nio.ByteBuffer
import java.util.zip.CRC32

/**
 * A mechanism written against the public extension point, for zmq-core's tests of it (no cryptography: zmq-auth
 * has CURVE). It stands in under the name CURVE, so sockets choose it with the CURVE options: a READY exchange as
 * NULL does, then every frame wrapped as CURVE wraps it, `\u0007MESSAGE` + an 8-byte nonce that must increase +
 * a flags byte + the payload, with a CRC-32 in place of the MAC. A frame whose CRC or nonce is wrong is refused
 * as CURVE refuses a bad box (ZMTP_CRYPTOGRAPHIC).
 */
class ChecksumMechanism : MechanismProvider {
    override val name: String = "CURVE"

    override fun newHandshake(context: MechanismContext): MechanismHandshake = Handshake(context)

    private class Handshake(private val context: MechanismContext) : MechanismHandshake {
        private var sent = false
        private var received = false
        override var peerProperties: Metadata = Metadata.EMPTY
        override val isComplete: Boolean get() = sent && received
        override val frameCodec: FrameCodec = Codec()

        override suspend fun nextCommand(): HandshakeCommand? {
            if (sent) return null
            sent = true
            return HandshakeCommand("READY", context.ourProperties())
        }

        override suspend fun receive(command: HandshakeCommand) {
            if (command.name != "READY" || received) {
                throw MechanismException.protocol(MechanismException.UNEXPECTED_COMMAND, "unexpected ${command.name}")
            }
            peerProperties = context.parseProperties(command.data, 0, command.data.size, MechanismException.MALFORMED_COMMAND_READY)
            received = true
        }
    }

    class Codec : FrameCodec {
        private var sendNonce = 0L
        private var receiveNonce = 0L
        private val sendCrc = CRC32()
        private val receiveCrc = CRC32()

        override val overhead: Int = NAME.size + 8 + 1 + 4

        override fun wrap(payload: ByteArray, offset: Int, length: Int, flags: Int, out: ByteBuffer) {
            out.put(NAME)
            out.putLong(++sendNonce)
            val wireFlags = (if (flags and FrameCodec.MORE != 0) 1 else 0) or (if (flags and FrameCodec.COMMAND != 0) 2 else 0)
            out.put(wireFlags.toByte())
            out.put(payload, offset, length)
            sendCrc.reset()
            sendCrc.update(wireFlags)
            sendCrc.update(payload, offset, length)
            out.putInt(sendCrc.value.toInt())
        }

        override fun unwrap(wireFlags: Int, body: ByteArray, length: Int, result: UnwrappedFrame) {
            // wrapped frames travel without the wire COMMAND flag, as libzmq sends CURVE's MESSAGE
            if (wireFlags and 0x04 != 0 || length < NAME.size || !body.copyOf(NAME.size).contentEquals(NAME)) {
                throw MechanismException.protocol(MechanismException.UNEXPECTED_COMMAND, "not a MESSAGE command")
            }
            if (length < overhead) throw MechanismException.protocol(MechanismException.MALFORMED_COMMAND_MESSAGE, "MESSAGE too short")
            val view = ByteBuffer.wrap(body, 0, length)
            val nonce = view.getLong(NAME.size)
            if (nonce <= receiveNonce) throw MechanismException.protocol(MechanismException.CRYPTOGRAPHIC, "nonce did not increase")
            val flags = body[NAME.size + 8].toInt() and 0xFF
            val start = NAME.size + 9
            val size = length - overhead
            receiveCrc.reset()
            receiveCrc.update(flags)
            receiveCrc.update(body, start, size)
            if (view.getInt(start + size) != receiveCrc.value.toInt()) {
                throw MechanismException.protocol(MechanismException.CRYPTOGRAPHIC, "checksum mismatch")
            }
            receiveNonce = nonce
            val logical = (if (flags and 1 != 0) FrameCodec.MORE else 0) or (if (flags and 2 != 0) FrameCodec.COMMAND else 0)
            result.set(body, start, size, logical)
        }

        companion object {
            val NAME = byteArrayOf(7) + "MESSAGE".toByteArray()
        }
    }
}
