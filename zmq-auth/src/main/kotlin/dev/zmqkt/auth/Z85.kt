package dev.zmqkt.auth

/**
 * Z85 (RFC 32), kept here for code written against zmq-auth: the implementation moved to zmq-core
 * ([dev.zmqkt.Z85]), which decodes CURVE keys given as text to socket options. Both behave the same.
 */
public object Z85 {
    /**
     * Encodes [data], whose size must be a multiple of 4.
     *
     * @throws IllegalArgumentException when it is not.
     */
    @JvmStatic
    public fun encode(data: ByteArray): String = dev.zmqkt.Z85.encode(data)

    /**
     * Decodes [text], whose length must be a multiple of 5, made only of Z85 characters.
     *
     * @throws IllegalArgumentException on a bad length, a character outside the alphabet, or a group that
     *   does not fit in 4 bytes.
     */
    @JvmStatic
    public fun decode(text: String): ByteArray = dev.zmqkt.Z85.decode(text)
}
