package dev.zmqkt.support

import dev.zmqkt.internal.codec.Command
import dev.zmqkt.internal.codec.FrameFlags
import dev.zmqkt.internal.codec.Greeting
import dev.zmqkt.Metadata
import dev.zmqkt.internal.codec.Properties
import java.io.DataInputStream
import java.io.EOFException
import java.io.OutputStream
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketTimeoutException

/**
 * A hand-driven ZMTP peer over a plain blocking socket, for tests that need to send exactly the bytes a
 * misbehaving or unusual peer would: wrong types, garbage, silence, PINGs. Every read times out after 10 s.
 */
internal class RawZmtpPeer(private val socket: Socket) : AutoCloseable {
    private val input = DataInputStream(socket.getInputStream())
    private val output: OutputStream = socket.getOutputStream()

    init {
        socket.soTimeout = 10_000
        socket.tcpNoDelay = true
    }

    /** A frame as read: its flags and body. */
    class RawFrame(val flags: Int, val body: ByteArray) {
        val isCommand: Boolean get() = flags and FrameFlags.COMMAND != 0
        val hasMore: Boolean get() = flags and FrameFlags.MORE != 0
        fun command(): Command = Command.decode(body)
        override fun toString(): String = "RawFrame(flags=$flags, ${body.size} bytes)"
    }

    fun write(bytes: ByteArray) {
        output.write(bytes)
        output.flush()
    }

    fun sendGreeting(major: Int = 3, minor: Int = 1, mechanism: String = "NULL") =
        write(Greeting(major, minor, mechanism, false).encode())

    fun readGreeting(): Greeting {
        val bytes = ByteArray(Greeting.SIZE)
        input.readFully(bytes)
        return Greeting.decode(java.nio.ByteBuffer.wrap(bytes))
    }

    fun sendCommand(command: Command) = sendFrame(FrameFlags.COMMAND, command.encode())

    fun sendReady(socketType: String, identity: ByteArray? = null) {
        val props = mutableListOf(Metadata.SOCKET_TYPE to socketType.toByteArray())
        if (identity != null) props += Metadata.IDENTITY to identity
        sendCommand(Command.ready(Metadata(props)))
    }

    /** Greeting and READY in both directions, as a NULL peer of [socketType]; returns the peer's READY. */
    fun handshake(socketType: String, minor: Int = 1): Metadata {
        sendGreeting(minor = minor)
        readGreeting()
        sendReady(socketType)
        val ready = readFrame().command()
        check(ready.name == Command.READY) { "expected READY, got ${ready.name}" }
        return Properties.decode(ready.data)
    }

    fun sendFrame(flags: Int, body: ByteArray) {
        val header = if (body.size <= 255) {
            byteArrayOf(flags.toByte(), body.size.toByte())
        } else {
            java.nio.ByteBuffer.allocate(9).put((flags or FrameFlags.LONG).toByte()).putLong(body.size.toLong()).array()
        }
        write(header + body)
    }

    fun sendMessage(vararg frames: String) {
        frames.forEachIndexed { i, f ->
            sendFrame(if (i < frames.size - 1) FrameFlags.MORE else 0, f.toByteArray())
        }
    }

    fun readFrame(): RawFrame {
        val flags = input.readUnsignedByte()
        val size = if (flags and FrameFlags.LONG != 0) input.readLong() else input.readUnsignedByte().toLong()
        val body = ByteArray(size.toInt())
        input.readFully(body)
        return RawFrame(flags, body)
    }

    /** Reads frames until a whole message, skipping commands; returns its frames as text. */
    fun readMessage(): List<String> {
        val parts = ArrayList<String>()
        while (true) {
            val f = readFrame()
            if (f.isCommand) continue
            parts += String(f.body)
            if (!f.hasMore) return parts
        }
    }

    /** True when the other side closed the connection within [timeoutMs] (reading and dropping anything sent). */
    fun closedByPeer(timeoutMs: Int = 10_000): Boolean {
        socket.soTimeout = timeoutMs
        return try {
            while (input.read() >= 0) { /* drain */ }
            true
        } catch (e: SocketTimeoutException) {
            false
        } catch (e: java.io.IOException) {
            true
        }
    }

    override fun close() = socket.close()

    companion object {
        /** Connects to a zmq-kt socket bound at [endpoint] (tcp://host:port). */
        fun connect(endpoint: String): RawZmtpPeer {
            val host = endpoint.removePrefix("tcp://").substringBeforeLast(':')
            val port = endpoint.substringAfterLast(':').toInt()
            return RawZmtpPeer(Socket().apply { connect(InetSocketAddress(host, port), 10_000) })
        }
    }
}

/** Reads a frame, failing the test on end of stream. */
internal fun RawZmtpPeer.readCommand(): Command {
    while (true) {
        val f = try { readFrame() } catch (e: EOFException) { throw AssertionError("connection closed instead of a command") }
        if (f.isCommand) return f.command()
    }
}
