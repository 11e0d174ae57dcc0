package dev.zmqkt.auth.internal.crypto

import org.bouncycastle.crypto.engines.Salsa20Engine
import org.bouncycastle.crypto.macs.Poly1305
import org.bouncycastle.crypto.params.KeyParameter

/**
 * NaCl's secretbox once the XSalsa20 subkey is known: Salsa20/20 with a 32-byte subkey and an 8-byte nonce makes
 * the keystream; its first 32 bytes are a one-time Poly1305 key and the rest encrypts the message; the 16-byte tag
 * goes before the ciphertext (libsodium's "easy" layout, which is also how CurveZMQ puts boxes on the wire).
 *
 * [XSalsa20Poly1305] derives the subkey from each 24-byte nonce. CurveZMQ's MESSAGE nonces share a 16-byte prefix
 * per direction, so a connection derives its subkey once and uses this class directly with the 8-byte counter.
 *
 * ### Concurrency
 * Not thread-safe: it reuses its scratch arrays. One instance per connection direction.
 *
 * ### Overlapping buffers
 * Output may overwrite input in place (`out == input` with the ciphertext starting exactly where the plaintext
 * starts) or lie before it; it must not start inside the input after its start.
 */
internal class Salsa20Poly1305 {
    private val state = IntArray(16)
    private val block = IntArray(16)
    private val firstBlock = ByteArray(64)
    private val stream = ByteArray(64)
    private val tag = ByteArray(TAG_BYTES)
    private val mac = Poly1305()

    /** Uses the 32-byte [subkey] at [offset] from now on. */
    fun setSubkey(subkey: ByteArray, offset: Int) {
        HSalsa20.loadState(state, subkey, offset)
    }

    /**
     * Encrypts [length] bytes of [input] at [inputOffset] under the nonce whose two little-endian words are
     * [nonceLow] and [nonceHigh]; writes the tag at [outOffset] and the ciphertext right after it.
     */
    fun seal(nonceLow: Int, nonceHigh: Int, input: ByteArray, inputOffset: Int, length: Int, out: ByteArray, outOffset: Int) {
        start(nonceLow, nonceHigh)
        xorKeystream(input, inputOffset, length, out, outOffset + TAG_BYTES)
        mac.update(out, outOffset + TAG_BYTES, length)
        mac.doFinal(out, outOffset)
    }

    /**
     * Checks and decrypts a box of [length] bytes (tag then ciphertext) at [inputOffset] of [input]; writes the
     * `length - 16` plaintext bytes at [outOffset] of [out]. Returns false, writing nothing, when the box is too
     * short or its tag does not match.
     */
    fun open(nonceLow: Int, nonceHigh: Int, input: ByteArray, inputOffset: Int, length: Int, out: ByteArray, outOffset: Int): Boolean {
        if (length < TAG_BYTES) return false
        start(nonceLow, nonceHigh)
        mac.update(input, inputOffset + TAG_BYTES, length - TAG_BYTES)
        mac.doFinal(tag, 0)
        if (!constantTimeEquals(TAG_BYTES, tag, 0, input, inputOffset)) return false
        xorKeystream(input, inputOffset + TAG_BYTES, length - TAG_BYTES, out, outOffset)
        return true
    }

    /** Sets the nonce, resets the block counter, makes block 0 and keys Poly1305 with its first 32 bytes. */
    private fun start(nonceLow: Int, nonceHigh: Int) {
        state[6] = nonceLow
        state[7] = nonceHigh
        state[8] = 0
        state[9] = 0
        Salsa20Engine.salsaCore(20, state, block)
        for (w in 0 until 16) putLittleEndianInt(firstBlock, 4 * w, block[w])
        mac.init(KeyParameter(firstBlock, 0, 32))
    }

    /**
     * XORs the keystream from byte 32 of block 0 on into [length] bytes of [input], writing to [out]. Each block
     * is laid out as bytes first, so the XOR is a plain array loop the JIT can vectorise.
     */
    private fun xorKeystream(input: ByteArray, inputOffset: Int, length: Int, out: ByteArray, outOffset: Int) {
        val head = minOf(32, length)
        xor(input, inputOffset, firstBlock, 32, head, out, outOffset)
        var done = head
        val stream = stream
        while (done < length) {
            if (++state[8] == 0) state[9]++
            Salsa20Engine.salsaCore(20, state, block)
            for (w in 0 until 16) putLittleEndianInt(stream, 4 * w, block[w])
            val n = minOf(64, length - done)
            xor(input, inputOffset + done, stream, 0, n, out, outOffset + done)
            done += n
        }
    }

    private fun xor(input: ByteArray, inputOffset: Int, key: ByteArray, keyOffset: Int, n: Int, out: ByteArray, outOffset: Int) {
        for (i in 0 until n) out[outOffset + i] = (input[inputOffset + i].toInt() xor key[keyOffset + i].toInt()).toByte()
    }

    companion object {
        /** Poly1305 tag size: how much longer a box is than its plaintext (NaCl's `crypto_box_MACBYTES`). */
        const val TAG_BYTES: Int = 16
    }
}
