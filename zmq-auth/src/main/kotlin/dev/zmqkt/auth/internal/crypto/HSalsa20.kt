package dev.zmqkt.auth.internal.crypto

import org.bouncycastle.crypto.engines.Salsa20Engine

/**
 * HSalsa20 (NaCl's `crypto_core_hsalsa20`): derives a 32-byte key from a 32-byte key and a 16-byte input. XSalsa20
 * uses it to turn the first 16 nonce bytes into a subkey, and crypto_box uses it (with a zero input) to turn an
 * X25519 shared secret into the box key.
 *
 * ### Implementation notes
 * Bouncy Castle's `Salsa20Engine.salsaCore` runs the 20 rounds and adds the input back (the Salsa20 feed-forward);
 * HSalsa20 wants the words before that addition, so the input is subtracted again from the 8 output words
 * (0, 5, 10, 15, 6, 7, 8, 9), as Bouncy Castle's own `XSalsa20Engine` does.
 */
internal object HSalsa20 {
    /** "expand 32-byte k", the Salsa20 constant for 32-byte keys, as little-endian words. */
    val SIGMA: IntArray = intArrayOf(0x61707865, 0x3320646e, 0x79622d32, 0x6b206574)

    private val OUTPUT_WORDS = intArrayOf(0, 5, 10, 15, 6, 7, 8, 9)

    /**
     * Writes HSalsa20([key], [input]) to [out] at [outOffset]: [key] is 32 bytes at [keyOffset], [input] 16 bytes
     * at [inputOffset]. [state] and [mixed] are 16-word scratch arrays the caller may reuse.
     */
    fun derive(
        key: ByteArray, keyOffset: Int,
        input: ByteArray, inputOffset: Int,
        out: ByteArray, outOffset: Int,
        state: IntArray = IntArray(16), mixed: IntArray = IntArray(16),
    ) {
        loadState(state, key, keyOffset)
        for (i in 0 until 4) state[6 + i] = littleEndianInt(input, inputOffset + 4 * i)
        Salsa20Engine.salsaCore(20, state, mixed)
        for ((i, word) in OUTPUT_WORDS.withIndex()) {
            putLittleEndianInt(out, outOffset + 4 * i, mixed[word] - state[word])
        }
    }

    /** Fills the constant and key words of a Salsa20 [state] (positions 0-5 and 10-15); 6-9 stay as they are. */
    fun loadState(state: IntArray, key: ByteArray, keyOffset: Int) {
        state[0] = SIGMA[0]
        for (i in 0 until 4) state[1 + i] = littleEndianInt(key, keyOffset + 4 * i)
        state[5] = SIGMA[1]
        state[10] = SIGMA[2]
        for (i in 0 until 4) state[11 + i] = littleEndianInt(key, keyOffset + 16 + 4 * i)
        state[15] = SIGMA[3]
    }
}
