package dev.zmqkt.auth.internal.crypto

/**
 * NaCl's published test vectors (nacl-20110221 `tests/box.c`, `box2.c`, `secretbox.c`, `core1.c`,
 * `scalarmult.c`, `scalarmult2.c`, `scalarmult5.c`, repeated in libsodium's `test/default`): Alice and Bob's key
 * pairs, their shared secret, the box key HSalsa20 derives from it, and one 131-byte message boxed under a fixed
 * nonce.
 */
internal object NaclVectors {
    val aliceSecret = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
    val alicePublic = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
    val bobSecret = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
    val bobPublic = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")

    /** X25519(aliceSecret, bobPublic) (`scalarmult5.c`, also RFC 7748 section 6.1). */
    val sharedSecret = hex("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742")

    /** HSalsa20(sharedSecret, 16 zero bytes) (`core1.c`): the crypto_box key, and secretbox.c's key. */
    val firstKey = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389")

    val nonce = hex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37")

    val message = hex(
        "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffce5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f4" +
            "1db66cce314adb310e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde048977eb48f59ffd4924ca1c6090" +
            "2e52f0a089bc76897040e082f937763848645e0705",
    )

    /** The box of [message]: 16-byte tag, then the ciphertext (the NaCl output from byte 16 on). */
    val box = hex(
        "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce8" +
            "7b4da7f011ec48c97271d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae90224368517acfeabd6bb373" +
            "2bc0e9da99832b61ca01b6de56244a9e88d5f9b37973f622a43d14a6599b1f654cb45a74e355a5",
    )

    /** A public key of small order (libsodium's `box.c`): crypto_box refuses it. */
    val smallOrderPoint = hex("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")

    fun hex(text: String): ByteArray = ByteArray(text.length / 2) { text.substring(2 * it, 2 * it + 2).toInt(16).toByte() }
}
