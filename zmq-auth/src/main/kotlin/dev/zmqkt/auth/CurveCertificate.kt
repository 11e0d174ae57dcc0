package dev.zmqkt.auth

import dev.zmqkt.auth.internal.certs.CertificateText
import java.io.IOException
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.NoSuchFileException
import java.nio.file.Path
import java.nio.file.StandardCopyOption
import java.nio.file.attribute.PosixFilePermission
import java.time.LocalDateTime

/**
 * A CURVE certificate: a public key, optionally its secret key, and metadata (name/value text pairs), stored in
 * czmq's and pyzmq's file format (`zmq.auth.create_certificates`, `load_certificate`, `load_certificates`), so
 * certificates move freely between zmq-kt, pyzmq, czmq and libzmq tools.
 *
 * ```kotlin
 * val (publicFile, secretFile) = CurveCertificate.create(dir, "server")
 * val server = CurveCertificate.load(secretFile)            // both keys
 * val clients = CurveCertificate.loadDirectory(clientsDir)  // public certificates of *.key files
 * ```
 *
 * [toString] never shows the secret key.
 */
public class CurveCertificate private constructor(
    /** The public key in Z85. */
    public val publicKey: String,
    /** The secret key in Z85, or null for a public certificate. */
    public val secretKey: String?,
    /** The metadata section, in file order. */
    public val metadata: Map<String, String>,
) {
    /** Whether this certificate holds the secret key. */
    @get:JvmName("hasSecretKey")
    public val hasSecretKey: Boolean get() = secretKey != null

    /** The 32 raw bytes of the public key. */
    public fun publicKeyBytes(): ByteArray = Z85.decode(publicKey)

    /** The 32 raw bytes of the secret key, or null for a public certificate. */
    public fun secretKeyBytes(): ByteArray? = secretKey?.let { Z85.decode(it) }

    /**
     * The key pair, for a socket's CURVE options.
     *
     * @throws IllegalStateException for a public certificate.
     */
    public fun keyPair(): CurveKeyPair {
        val secret = checkNotNull(secretKeyBytes()) { "a public certificate has no secret key" }
        return CurveKeyPair(publicKeyBytes(), secret)
    }

    /** This certificate without its secret key. */
    public fun publicCertificate(): CurveCertificate = CurveCertificate(publicKey, null, metadata)

    /**
     * Writes this certificate to [file]: with its secret key if it has one (readable by the owner only, where the
     * file system has POSIX permissions), else public. Replaces an existing file.
     *
     * @throws CertificateException when the file cannot be written.
     */
    @Throws(CertificateException::class)
    public fun save(file: Path) {
        val banner = if (secretKey != null) SECRET_BANNER else PUBLIC_BANNER
        val text = CertificateText.format(
            listOf("****  Generated on ${LocalDateTime.now()} by zmq-kt  ****") + banner,
            publicKey, secretKey, metadata,
        )
        writeFile(file, text, ownerOnly = secretKey != null)
    }

    override fun equals(other: Any?): Boolean =
        other is CurveCertificate && publicKey == other.publicKey && secretKey == other.secretKey &&
            metadata == other.metadata

    override fun hashCode(): Int = publicKey.hashCode()

    override fun toString(): String =
        "CurveCertificate(public=$publicKey${if (secretKey != null) ", with secret key" else ""}, metadata=$metadata)"

    public companion object {
        /** The extension of public certificate files, which [loadDirectory] reads. */
        public const val PUBLIC_SUFFIX: String = ".key"

        /** The extension of secret certificate files. */
        public const val SECRET_SUFFIX: String = ".key_secret"

        private val PUBLIC_BANNER = listOf(
            "ZeroMQ CURVE Public Certificate",
            "Exchange securely, or use a secure mechanism to verify the contents",
            "of this file after exchange. Store public certificates in your home",
            "directory, in the .curve subdirectory.",
        )
        private val SECRET_BANNER = listOf(
            "ZeroMQ CURVE **Secret** Certificate",
            "DO NOT PROVIDE THIS FILE TO OTHER USERS nor change its permissions.",
        )

        /**
         * A certificate of [keyPair] with [metadata].
         *
         * @throws IllegalArgumentException when a metadata name is not a ZPL name (letters, digits, `$-_@.&+/`)
         *   or a value spans lines or holds both quote characters.
         */
        @JvmStatic
        @JvmOverloads
        public fun of(keyPair: CurveKeyPair, metadata: Map<String, String> = emptyMap()): CurveCertificate =
            CurveCertificate(keyPair.publicKey, keyPair.secretKey, checkMetadata(metadata))

        /**
         * A public certificate of the Z85 [publicKey].
         *
         * @throws IllegalArgumentException when the key is not 40 Z85 characters or the metadata is not writable.
         */
        @JvmStatic
        @JvmOverloads
        public fun ofPublicKey(publicKey: String, metadata: Map<String, String> = emptyMap()): CurveCertificate {
            Curve.keyBytes(publicKey)
            return CurveCertificate(publicKey, null, checkMetadata(metadata))
        }

        /** A certificate of a new key pair. */
        @JvmStatic
        @JvmOverloads
        public fun generate(metadata: Map<String, String> = emptyMap()): CurveCertificate = of(Curve.keypair(), metadata)

        /**
         * Creates a new key pair and writes it as `name.key` and `name.key_secret` in [directory], which must exist
         * (pyzmq's `zmq.auth.create_certificates`).
         *
         * @throws CertificateException when a file cannot be written.
         */
        @JvmStatic
        @JvmOverloads
        @Throws(CertificateException::class)
        public fun create(directory: Path, name: String, metadata: Map<String, String> = emptyMap()): CertificateFiles {
            val certificate = generate(metadata)
            val files = CertificateFiles(directory.resolve(name + PUBLIC_SUFFIX), directory.resolve(name + SECRET_SUFFIX))
            certificate.publicCertificate().save(files.publicFile)
            certificate.save(files.secretFile)
            return files
        }

        /**
         * Reads the certificate in [file] (pyzmq's `zmq.auth.load_certificate`): public, or with its secret key.
         *
         * @throws CertificateException when the file is missing or unreadable, is not ZPL, has no public key, has a
         *   key that is not 40 Z85 characters, or a secret key whose public key is not the one in the file.
         */
        @JvmStatic
        @Throws(CertificateException::class)
        public fun load(file: Path): CurveCertificate {
            val text = try {
                String(Files.readAllBytes(file), Charsets.UTF_8)
            } catch (e: NoSuchFileException) {
                throw CertificateException(file, "no such file", e)
            } catch (e: IOException) {
                throw CertificateException(file, "cannot read it: ${e.message}", e)
            }
            val parsed = try {
                CertificateText.parse(text)
            } catch (e: IllegalArgumentException) {
                throw CertificateException(file, e.message ?: "not a certificate", e)
            }
            val publicKey = parsed.publicKey ?: throw CertificateException(file, "no public-key in a curve section")
            checkKey(file, "public-key", publicKey)
            parsed.secretKey?.let { secret ->
                checkKey(file, "secret-key", secret)
                if (Curve.publicKey(secret) != publicKey) {
                    throw CertificateException(file, "secret-key does not belong to public-key")
                }
            }
            return CurveCertificate(publicKey, parsed.secretKey, parsed.metadata)
        }

        /**
         * Reads the public certificates (`*.key` files) in [directory], sorted by file name (pyzmq's
         * `zmq.auth.load_certificates`, which returns their public keys). Secret certificate files are ignored;
         * the certificates returned hold public keys only.
         *
         * @throws CertificateException when [directory] is not a directory or one of its `*.key` files is bad.
         */
        @JvmStatic
        @Throws(CertificateException::class)
        public fun loadDirectory(directory: Path): List<CurveCertificate> {
            if (!Files.isDirectory(directory)) throw CertificateException(directory, "not a directory")
            val files = try {
                Files.newDirectoryStream(directory, "*$PUBLIC_SUFFIX").use { stream ->
                    stream.filter { Files.isRegularFile(it) }.sortedBy { it.fileName.toString() }
                }
            } catch (e: IOException) {
                throw CertificateException(directory, "cannot list it: ${e.message}", e)
            }
            return files.map { load(it).publicCertificate() }
        }

        private fun checkKey(file: Path, name: String, key: String) {
            try {
                Curve.keyBytes(key)
            } catch (e: IllegalArgumentException) {
                throw CertificateException(file, "$name is not a CURVE key: ${e.message}", e)
            }
        }

        private fun checkMetadata(metadata: Map<String, String>): Map<String, String> {
            for ((name, value) in metadata) {
                require(CertificateText.isName(name)) { "metadata name '$name' is not a ZPL name (letters, digits, \$-_@.&+/)" }
                require(CertificateText.isWritableValue(value)) {
                    "metadata value of '$name' must be one line and not hold both quote characters"
                }
            }
            return LinkedHashMap(metadata)
        }

        private fun writeFile(file: Path, text: String, ownerOnly: Boolean) {
            try {
                val parent = file.toAbsolutePath().parent
                val temporary = Files.createTempFile(parent, ".${file.fileName}", ".tmp")
                try {
                    if (ownerOnly) restrictToOwner(temporary)
                    Files.write(temporary, text.toByteArray(Charsets.UTF_8))
                    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE)
                } finally {
                    Files.deleteIfExists(temporary)
                }
                if (!ownerOnly) allowOthersToRead(file)
            } catch (e: IOException) {
                throw CertificateException(file, "cannot write it: ${e.message}", e)
            }
        }

        private fun restrictToOwner(file: Path) {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(file, setOf(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))
            }
        }

        /** Temporary files start owner-only; a public certificate gets the usual rw-r--r--. */
        private fun allowOthersToRead(file: Path) {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(
                    file,
                    Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS) +
                        setOf(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ),
                )
            }
        }
    }
}
