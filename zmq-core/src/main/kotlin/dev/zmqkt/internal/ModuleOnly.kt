package dev.zmqkt.internal

/**
 * A parameter that hides a constructor from Java. `internal` alone does not: an internal constructor is public in
 * bytecode, so Java could call `new Socket(...)`. Kotlin compiles a constructor that takes a value class as a
 * private constructor plus a synthetic one, which javac does not offer; Kotlin code in this module calls it as
 * usual, passing [TOKEN].
 */
@JvmInline
internal value class ModuleOnly private constructor(private val unused: Byte) {
    internal companion object {
        val TOKEN: ModuleOnly = ModuleOnly(0)
    }
}
