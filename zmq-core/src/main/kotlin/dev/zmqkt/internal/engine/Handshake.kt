@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.engine

import dev.zmqkt.Metadata
import dev.zmqkt.ProtocolError
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.SocketEventType
import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameDecoder
import dev.zmqkt.internal.codec.FrameEncoder
import dev.zmqkt.internal.codec.FrameFlags
import dev.zmqkt.internal.codec.Greeting
import dev.zmqkt.internal.codec.LibzmqPlainError
import dev.zmqkt.internal.codec.SocketTypeRules
import dev.zmqkt.internal.codec.ZmtpProtocolException
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.mechanism.MechanismRegistry
import dev.zmqkt.mechanism.HandshakeCommand
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.ZmqMechanismApi
import kotlinx.coroutines.awaitCancellation
import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException
import java.nio.ByteBuffer
import java.time.Duration

/**
 * The first part of a ZMTP connection: exchange greetings, run the socket's security mechanism (a
 * [MechanismHandshake] from its provider), then check that the peer's socket type may talk to ours (RFC 37).
 * Greetings are sent whole (64 bytes) at once.
 *
 * Reads go into [buffer], which the engine lends; bytes that arrive after the handshake stay in it (in read
 * mode) for the traffic phase.
 */
internal class Handshake(
    private val connection: StreamConnection,
    private val host: EngineHost,
    private val decoder: FrameDecoder,
    private val buffer: ByteBuffer,
) {
    private val encoder = FrameEncoder()

    /** The peer's greeting, once [perform] has read it. */
    var peerGreeting: Greeting? = null
        private set

    /** The mechanism's handshake, once [perform] has started it (complete after a successful [perform]). */
    var mechanism: MechanismHandshake? = null
        private set

    /** What the mechanism was given; holds the ZAP handler's reply. */
    val context = ConnectionMechanismContext(host, connection.peerAddress, ::watchPeer)

    /**
     * Runs the handshake within [limit] (null or zero: no limit): null on success (see [mechanism]), or why it
     * failed, a timeout included.
     */
    suspend fun perform(limit: Duration?): EngineExit? {
        if (limit == null || limit.isZero) return perform()
        // perform() returns null on success, so wrap it to tell success from a timeout.
        val outcome = withTimeoutOrNull(limit.toMillis()) { Result.success(perform()) }
            ?: return EngineExit.HandshakeFailed("handshake did not complete within ${limit.toMillis()} ms")
        return outcome.getOrNull()
    }

    /** Runs the handshake: null on success (see [mechanism]), or why it failed. */
    suspend fun perform(): EngineExit? {
        try {
            val ours = host.options.mechanism.name
            val provider = MechanismRegistry.find(ours)
                ?: return EngineExit.HandshakeFailed("the $ours mechanism is not on the class path")
            connection.writeFully(ByteBuffer.wrap(Greeting.ours(ours, context.isServer).encode()))
            fillTo(Greeting.SIGNATURE_SIZE)
            buffer.flip()
            Greeting.checkSignature(buffer) // refuse non-ZMTP-3 peers before waiting for 64 bytes
            buffer.compact()
            fillTo(Greeting.SIZE)
            buffer.flip()
            val greeting = Greeting.decode(buffer)
            peerGreeting = greeting
            if (greeting.mechanism != ours) {
                return EngineExit.HandshakeProtocolError(
                    "peer uses mechanism ${greeting.mechanism}, this socket uses $ours",
                    ProtocolError.ZMTP_MECHANISM_MISMATCH,
                )
            }
            val handshake = provider.newHandshake(context)
            mechanism = handshake
            while (true) {
                while (true) {
                    val command = handshake.nextCommand() ?: break
                    sendCommand(Command(command.name, command.data))
                }
                if (handshake.isComplete) return checkPeerType(handshake.peerProperties)
                val received = readCommand()
                handshake.receive(HandshakeCommand(received.name, received.data))
            }
        } catch (e: MechanismException) {
            return failed(e)
        } catch (e: ZmtpProtocolException) {
            return EngineExit.HandshakeProtocolError(e.message ?: "protocol error", e.code)
        } catch (e: IOException) {
            return EngineExit.HandshakeFailed(e.message ?: "connection lost during the handshake")
        }
    }

    /** Sends the ERROR the mechanism asked for (if the connection takes it), and says how the handshake ended. */
    private suspend fun failed(e: MechanismException): EngineExit {
        val reason = e.message ?: "security handshake failed"
        e.errorCommandReason?.let {
            try {
                // libzmq's PLAIN clients understand only their own (wrong) ERROR form: see LibzmqPlainError
                val libzmqPlain = host.options.mechanism == SecurityMechanism.PLAIN && peerGreeting?.isZmtp31OrLater == true
                sendBody(if (libzmqPlain) LibzmqPlainError.encode(it) else Command.error(it).encode())
            } catch (_: IOException) {
                // the peer is gone already; the failure is reported all the same
            }
        }
        return when (e.event) {
            SocketEventType.HANDSHAKE_FAILED_AUTH -> EngineExit.HandshakeAuthFailed(reason, e.value)
            SocketEventType.HANDSHAKE_FAILED_PROTOCOL -> EngineExit.HandshakeProtocolError(reason, e.value)
            else -> EngineExit.HandshakeFailed(reason, e.value)
        }
    }

    private suspend fun checkPeerType(peer: Metadata): EngineExit? {
        val announced = peer.raw(Metadata.SOCKET_TYPE) ?: return null
        val peerType = String(announced, Charsets.US_ASCII)
        val ours = host.socketType.zmtpName
        if (SocketTypeRules.compatible(ours, peerType)) return null
        sendCommand(Command.error("Invalid socket type"))
        return EngineExit.HandshakeProtocolError(
            "a $peerType peer cannot talk to a $ours socket",
            ProtocolError.ZMTP_INVALID_METADATA,
        )
    }

    private suspend fun sendCommand(command: Command) = sendBody(command.encode())

    private suspend fun sendBody(body: ByteArray) {
        val frame = ByteBuffer.allocate(body.size + FrameFlags.LONG_HEADER)
        check(encoder.encodeCommand(body, frame)) { "a command frame did not fit its buffer" }
        frame.flip()
        connection.writeFully(frame)
    }

    /** The next command from the peer; [buffer] is in read mode before and after. */
    private suspend fun readCommand(): Command {
        while (true) {
            when (decoder.decode(buffer)) {
                FrameDecoder.COMMAND -> return decoder.command!!
                FrameDecoder.MESSAGE -> throw ZmtpProtocolException(
                    "peer sent a message before the handshake ended",
                    ProtocolError.ZMTP_UNEXPECTED_COMMAND,
                )
                else -> {
                    buffer.clear() // the decoder consumed every byte
                    readSome()
                    buffer.flip()
                }
            }
        }
    }

    /**
     * While the mechanism waits for ZAP: reads what the peer sends (kept in [buffer] for later) so that a peer
     * closing the connection ends the handshake at once. Throws [IOException] then; otherwise runs until cancelled.
     */
    private suspend fun watchPeer(): Nothing {
        while (true) {
            buffer.compact()
            val n = if (buffer.hasRemaining()) connection.read(buffer) else 0
            val full = !buffer.hasRemaining()
            buffer.flip()
            when {
                n < 0 -> throw IOException("connection closed by peer while waiting for the ZAP handler")
                n > 0 -> continue
                full -> awaitCancellation() // the handshake's time limit ends a peer that floods us
                else -> connection.awaitReadable()
            }
        }
    }

    /** Reads until [buffer] (in write mode) holds at least [size] bytes. */
    private suspend fun fillTo(size: Int) {
        while (buffer.position() < size) readSome()
    }

    private suspend fun readSome() {
        while (true) {
            val n = connection.read(buffer)
            if (n < 0) throw IOException("connection closed by peer during the handshake")
            if (n > 0) return
            connection.awaitReadable()
        }
    }
}
