package dev.zmqkt.auth

import java.io.IOException
import java.nio.file.Path

/**
 * A certificate file could not be read or written: it is missing, unreadable, or not a CURVE certificate
 * (no public key, a key that is not 40 Z85 characters, a secret key that does not match the public key, a line
 * that is not ZPL).
 *
 * @property file the file concerned.
 * @property reason what is wrong with it, without the file name.
 */
public class CertificateException(
    public val file: Path,
    public val reason: String,
    cause: Throwable? = null,
) : IOException("$file: $reason", cause)
