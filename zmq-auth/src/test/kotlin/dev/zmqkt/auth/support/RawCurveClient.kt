package dev.zmqkt.auth.support

import dev.zmqkt.auth.internal.curve.CurveCommand
import java.io.DataInputStream
import java.io.IOException
import java.net.InetSocketAddress
import java.net.Socket
import java.net.SocketTimeoutException

/**
 * A hand-driven ZMTP 3.1 peer over a blocking socket, greeting with mechanism CURVE, for sending a CURVE server
 * exactly the bytes a misbehaving client would. Reads time out after 10 s.
 */
internal class RawCurveClient private constructor(private val socket: Socket) : AutoCloseable {
    private val input = DataInputStream(socket.getInputStream())
    private val output = socket.getOutputStream()

    init {
        socket.soTimeout = 10_000
        socket.tcpNoDelay = true
    }

    fun write(bytes: ByteArray) {
        output.write(bytes)
        output.flush()
    }

    /** Sends a ZMTP 3.1 greeting for CURVE as a client and reads the server's (returns its mechanism name). */
    fun greet(): String {
        val greeting = ByteArray(64)
        greeting[0] = 0xFF.toByte()
        greeting[9] = 0x7F
        greeting[10] = 3
        greeting[11] = 1
        "CURVE".toByteArray().copyInto(greeting, 12)
        write(greeting)
        val theirs = ByteArray(64)
        input.readFully(theirs)
        return String(theirs, 12, 20).trimEnd('\u0000')
    }

    /** Sends one command frame: [name] then [data]. */
    fun sendCommand(name: String, data: ByteArray) = sendFrame(0x04, byteArrayOf(name.length.toByte()) + name.toByteArray() + data)

    fun sendCommand(command: CurveCommand) = sendCommand(command.name, command.data)

    fun sendFrame(flags: Int, body: ByteArray) {
        val header = if (body.size <= 255) {
            byteArrayOf(flags.toByte(), body.size.toByte())
        } else {
            java.nio.ByteBuffer.allocate(9).put((flags or 0x02).toByte()).putLong(body.size.toLong()).array()
        }
        write(header + body)
    }

    /** Reads one frame and returns its body. */
    fun readFrameBody(): ByteArray {
        val flags = input.readUnsignedByte()
        val size = if (flags and 0x02 != 0) input.readLong() else input.readUnsignedByte().toLong()
        return ByteArray(size.toInt()).also { input.readFully(it) }
    }

    /** Reads one command frame as a [CurveCommand]. */
    fun readCommand(): CurveCommand {
        val body = readFrameBody()
        val nameLength = body[0].toInt() and 0xFF
        return CurveCommand(String(body, 1, nameLength), body.copyOfRange(1 + nameLength, body.size))
    }

    /** True when the server closed the connection within [timeoutMs] (anything it sent is dropped). */
    fun closedByPeer(timeoutMs: Int = 10_000): Boolean {
        socket.soTimeout = timeoutMs
        return try {
            while (input.read() >= 0) { /* drain */ }
            true
        } catch (e: SocketTimeoutException) {
            false
        } catch (e: IOException) {
            true
        }
    }

    override fun close() = socket.close()

    companion object {
        /** Connects to a socket bound at [endpoint] (tcp://host:port). */
        fun connect(endpoint: String): RawCurveClient {
            val host = endpoint.removePrefix("tcp://").substringBeforeLast(':')
            val port = endpoint.substringAfterLast(':').toInt()
            return RawCurveClient(Socket().apply { connect(InetSocketAddress(host, port), 10_000) })
        }
    }
}
