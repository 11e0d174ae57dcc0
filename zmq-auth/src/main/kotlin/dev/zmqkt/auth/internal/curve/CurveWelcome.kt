package dev.zmqkt.auth.internal.curve

/**
 * WELCOME (RFC 26), server to client, 160 data bytes (168 with the name): a 16-byte random nonce and a 144-byte box
 * from the server's long-term key S to the client's short-term key C' holding the server's short-term public key
 * S' and the cookie.
 */
internal object CurveWelcome {
    const val SIZE: Int = 160

    /** The server's WELCOME. */
    fun produce(
        clientShortPublic: ByteArray,
        serverSecret: ByteArray,
        serverShortPublic: ByteArray,
        cookie: ByteArray,
    ): CurveCommand {
        val nonce = CurveNonces.random(CurveNonces.WELCOME)
        val plaintext = serverShortPublic + cookie
        val data = ByteArray(SIZE)
        nonce.copyInto(data, 0, 8, 24)
        CurveBoxes.between(clientShortPublic, serverSecret, "WELCOME").seal(nonce, plaintext, 0, plaintext.size, data, 16)
        return CurveCommand(CurveCommand.WELCOME, data)
    }

    /** What the client learns from a WELCOME. */
    class Opened(val serverShortPublic: ByteArray, val cookie: ByteArray)

    /**
     * The client's check of WELCOME [data]. Fails with CRYPTOGRAPHIC for a wrong size or a box that does not open,
     * as libzmq 4.3 reports both.
     */
    fun open(data: ByteArray, serverKey: ByteArray, clientShortSecret: ByteArray): Opened {
        if (data.size != SIZE) {
            throw CurveProtocolException(CurveErrorCodes.CRYPTOGRAPHIC, "WELCOME of ${data.size + 8} bytes, not 168")
        }
        val nonce = CurveNonces.long(CurveNonces.WELCOME, data, 0)
        val plaintext = CurveBoxes.open(CurveBoxes.between(serverKey, clientShortSecret, "WELCOME"), nonce, data, 16, 144, "WELCOME")
        return Opened(plaintext.copyOfRange(0, 32), plaintext.copyOfRange(32, 128))
    }
}
