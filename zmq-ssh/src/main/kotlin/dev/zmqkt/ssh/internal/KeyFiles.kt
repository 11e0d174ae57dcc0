package dev.zmqkt.ssh.internal

import dev.zmqkt.ssh.SshKeyFileException
import org.apache.sshd.common.config.keys.FilePasswordProvider
import org.apache.sshd.common.keyprovider.FileKeyPairProvider
import org.slf4j.LoggerFactory
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.Paths
import java.security.KeyPair

/** Loads the key pairs a client offers. */
internal object KeyFiles {
    private val log = LoggerFactory.getLogger(KeyFiles::class.java)

    /** OpenSSH's default identities, in the order it tries them. */
    private val DEFAULTS = listOf("id_ed25519", "id_ecdsa", "id_rsa")

    /**
     * The keys of [files], or of the default identity files that exist when [files] is empty. A given file that
     * cannot be read fails; a default one is skipped (OpenSSH skips them too).
     *
     * @throws SshKeyFileException when a given file cannot be read or decrypted.
     */
    fun load(files: List<Path>, passphrase: String?): List<KeyPair> {
        if (files.isNotEmpty()) {
            return files.flatMap { file ->
                try {
                    read(file, passphrase)
                } catch (e: Exception) {
                    throw SshKeyFileException("cannot read the key file $file: ${e.message ?: e.javaClass.simpleName}", e)
                }
            }
        }
        val home = Paths.get(System.getProperty("user.home"), ".ssh")
        return DEFAULTS.map { home.resolve(it) }.filter { Files.isReadable(it) }.flatMap { file ->
            try {
                read(file, passphrase)
            } catch (e: Exception) {
                log.debug("default key file {} skipped: {}", file, e.toString())
                emptyList()
            }
        }
    }

    private fun read(file: Path, passphrase: String?): List<KeyPair> {
        if (!Files.isReadable(file)) throw java.io.FileNotFoundException("not readable")
        val provider = FileKeyPairProvider(file)
        if (passphrase != null) provider.passwordFinder = FilePasswordProvider.of(passphrase)
        return provider.loadKeys(null).toList().also { if (it.isEmpty()) throw IllegalArgumentException("no key in the file") }
    }
}
