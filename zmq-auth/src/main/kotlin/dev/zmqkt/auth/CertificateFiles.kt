package dev.zmqkt.auth

import java.nio.file.Path

/**
 * The two files of a certificate, as czmq and pyzmq name them: `name.key` holds the public key (give it to peers)
 * and `name.key_secret` holds both keys (keep it private).
 */
public class CertificateFiles(
    /** `name.key`: the public certificate. */
    public val publicFile: Path,
    /** `name.key_secret`: the secret certificate. */
    public val secretFile: Path,
) {
    /** [publicFile], for `val (public, secret) = files`. */
    public operator fun component1(): Path = publicFile

    /** [secretFile], for `val (public, secret) = files`. */
    public operator fun component2(): Path = secretFile

    override fun toString(): String = "CertificateFiles($publicFile, $secretFile)"
}
