package dev.zmqkt.internal.engine

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameDecoder
import dev.zmqkt.internal.codec.FrameEncoder
import dev.zmqkt.internal.codec.FrameFlags
import dev.zmqkt.internal.codec.Greeting
import dev.zmqkt.internal.codec.Metadata
import dev.zmqkt.internal.codec.ProtocolError
import dev.zmqkt.internal.codec.SocketTypeRules
import dev.zmqkt.internal.codec.ZmtpProtocolException
import dev.zmqkt.internal.io.StreamConnection
import dev.zmqkt.internal.mechanism.Mechanism
import kotlinx.coroutines.withTimeoutOrNull
import java.io.IOException
import java.nio.ByteBuffer
import java.time.Duration

/**
 * The first part of a ZMTP connection: exchange greetings, run the security [mechanism], then check that the
 * peer's socket type may talk to ours (RFC 37). Greetings are sent whole (64 bytes) at once.
 *
 * Reads go into [buffer], which the engine lends; bytes that arrive after the handshake stay in it (in read
 * mode) for the traffic phase.
 */
internal class Handshake(
    private val connection: StreamConnection,
    private val host: EngineHost,
    private val mechanism: Mechanism,
    private val decoder: FrameDecoder,
    private val buffer: ByteBuffer,
) {
    private val encoder = FrameEncoder()

    /** The peer's greeting, once [perform] has read it. */
    var peerGreeting: Greeting? = null
        private set

    /**
     * Runs the handshake within [limit] (null or zero: no limit): null on success (see [Mechanism.peerMetadata]),
     * or why it failed, a timeout included.
     */
    suspend fun perform(limit: Duration?): EngineExit? {
        if (limit == null || limit.isZero) return perform()
        // perform() returns null on success, so wrap it to tell success from a timeout.
        val outcome = withTimeoutOrNull(limit.toMillis()) { Result.success(perform()) }
            ?: return EngineExit.HandshakeFailed("handshake did not complete within ${limit.toMillis()} ms")
        return outcome.getOrNull()
    }

    /** Runs the handshake: null on success (see [Mechanism.peerMetadata]), or why it failed. */
    suspend fun perform(): EngineExit? {
        try {
            connection.writeFully(ByteBuffer.wrap(Greeting.ours(mechanism.name, host.isServer).encode()))
            fillTo(Greeting.SIGNATURE_SIZE)
            buffer.flip()
            Greeting.checkSignature(buffer) // refuse non-ZMTP-3 peers before waiting for 64 bytes
            buffer.compact()
            fillTo(Greeting.SIZE)
            buffer.flip()
            val greeting = Greeting.decode(buffer)
            peerGreeting = greeting
            if (greeting.mechanism != mechanism.name) {
                return EngineExit.HandshakeProtocolError(
                    "peer uses mechanism ${greeting.mechanism}, this socket uses ${mechanism.name}",
                    ProtocolError.ZMTP_MECHANISM_MISMATCH,
                )
            }
            while (true) {
                while (true) {
                    val command = mechanism.nextCommand() ?: break
                    sendCommand(command)
                }
                when (mechanism.status) {
                    Mechanism.Status.READY -> return checkPeerType()
                    Mechanism.Status.FAILED -> {
                        val failure = mechanism.failure!!
                        failure.errorToSend?.let { sendCommand(Command.error(it)) }
                        return when {
                            failure.authStatusCode != null ->
                                EngineExit.HandshakeAuthFailed(failure.reason, failure.authStatusCode)
                            failure.protocolErrorCode != null ->
                                EngineExit.HandshakeProtocolError(failure.reason, failure.protocolErrorCode)
                            else -> EngineExit.HandshakeFailed(failure.reason)
                        }
                    }
                    Mechanism.Status.HANDSHAKING -> mechanism.receive(readCommand())
                }
            }
        } catch (e: ZmtpProtocolException) {
            return EngineExit.HandshakeProtocolError(e.message ?: "protocol error", e.code)
        } catch (e: IOException) {
            return EngineExit.HandshakeFailed(e.message ?: "connection lost during the handshake")
        }
    }

    private suspend fun checkPeerType(): EngineExit? {
        val announced = mechanism.peerMetadata[Metadata.SOCKET_TYPE] ?: return null
        val peerType = String(announced, Charsets.US_ASCII)
        val ours = host.socketType.zmtpName
        if (SocketTypeRules.compatible(ours, peerType)) return null
        sendCommand(Command.error("Invalid socket type"))
        return EngineExit.HandshakeProtocolError(
            "a $peerType peer cannot talk to a $ours socket",
            ProtocolError.ZMTP_INVALID_METADATA,
        )
    }

    private suspend fun sendCommand(command: Command) {
        val body = command.encode()
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
