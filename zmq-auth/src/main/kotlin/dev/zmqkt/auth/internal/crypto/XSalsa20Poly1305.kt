package dev.zmqkt.auth.internal.crypto

/**
 * NaCl's `crypto_secretbox` (XSalsa20 + Poly1305) under one 32-byte [key]; crypto_box after `beforenm` is the same
 * thing under the precomputed shared key (`crypto_box_afternm`). Each 24-byte nonce's first 16 bytes derive an
 * XSalsa20 subkey with [HSalsa20]; the last 8 are the Salsa20 nonce.
 *
 * Boxes use the "easy" layout: a 16-byte tag, then the ciphertext. Not thread-safe (see [Salsa20Poly1305]).
 */
internal class XSalsa20Poly1305(key: ByteArray) {
    private val key: ByteArray = key.copyOf()
    private val subkey = ByteArray(32)
    private val scratchState = IntArray(16)
    private val scratchMixed = IntArray(16)
    private val box = Salsa20Poly1305()

    init {
        require(key.size == KEY_BYTES) { "a secretbox key is $KEY_BYTES bytes, not ${key.size}" }
    }

    /** Encrypts [length] bytes of [input] at [inputOffset]; writes tag + ciphertext (`length + 16`) at [outOffset]. */
    fun seal(nonce: ByteArray, input: ByteArray, inputOffset: Int, length: Int, out: ByteArray, outOffset: Int) {
        useNonce(nonce)
        box.seal(littleEndianInt(nonce, 16), littleEndianInt(nonce, 20), input, inputOffset, length, out, outOffset)
    }

    /** Encrypts all of [plaintext] into a new array of tag + ciphertext. */
    fun seal(nonce: ByteArray, plaintext: ByteArray): ByteArray {
        val out = ByteArray(plaintext.size + Salsa20Poly1305.TAG_BYTES)
        seal(nonce, plaintext, 0, plaintext.size, out, 0)
        return out
    }

    /**
     * Checks and decrypts the [length]-byte box at [inputOffset]; writes `length - 16` bytes at [outOffset].
     * Returns false, writing nothing, when the box does not authenticate.
     */
    fun open(nonce: ByteArray, input: ByteArray, inputOffset: Int, length: Int, out: ByteArray, outOffset: Int): Boolean {
        useNonce(nonce)
        return box.open(littleEndianInt(nonce, 16), littleEndianInt(nonce, 20), input, inputOffset, length, out, outOffset)
    }

    /** Opens all of [box] into a new array, or returns null when it does not authenticate. */
    fun open(nonce: ByteArray, box: ByteArray): ByteArray? {
        if (box.size < Salsa20Poly1305.TAG_BYTES) return null
        val out = ByteArray(box.size - Salsa20Poly1305.TAG_BYTES)
        return if (open(nonce, box, 0, box.size, out, 0)) out else null
    }

    private fun useNonce(nonce: ByteArray) {
        require(nonce.size == NONCE_BYTES) { "an XSalsa20 nonce is $NONCE_BYTES bytes, not ${nonce.size}" }
        HSalsa20.derive(key, 0, nonce, 0, subkey, 0, scratchState, scratchMixed)
        box.setSubkey(subkey, 0)
    }

    companion object {
        const val KEY_BYTES: Int = 32
        const val NONCE_BYTES: Int = 24
    }
}
