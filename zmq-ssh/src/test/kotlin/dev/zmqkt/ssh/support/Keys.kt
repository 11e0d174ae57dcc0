package dev.zmqkt.ssh.support

import org.apache.sshd.common.config.keys.KeyUtils
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import java.security.KeyPair

/** Client keys for the tests, written in OpenSSH's private key format. */
object Keys {
    /** A new key pair of [algorithm] (`EC`, `RSA`) written to a new file (mode 600), encrypted when [passphrase] is given. */
    fun write(dir: Path, algorithm: String = "EC", bits: Int = 256, passphrase: String? = null): Pair<KeyPair, Path> {
        val pair = KeyUtils.generateKeyPair(if (algorithm == "EC") "ecdsa-sha2-nistp256" else "ssh-rsa", bits)
        val file = Files.createTempFile(dir, "id_test", "", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
        val encryption = passphrase?.let { p -> OpenSSHKeyEncryptionContext().apply { setPassword(p); cipherName = "AES"; cipherType = "256"; cipherMode = "CTR" } }
        Files.newOutputStream(file).use { OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "zmq-kt test", encryption, it) }
        return pair to file
    }
}
