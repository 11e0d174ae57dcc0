package dev.zmqkt.mechanism

/**
 * Marks the security-mechanism extension point: the API a module uses to add a ZMTP security mechanism (zmq-auth
 * adds CURVE through it). Applications do not need it: they choose a mechanism with socket options
 * (`plainServer`, `curveServer`, ...). Opt in with `@OptIn(ZmqMechanismApi::class)` when writing a mechanism.
 *
 * The API may change between minor versions while mechanisms other than zmq-kt's own are written against it.
 */
@RequiresOptIn(
    message = "This is the API for writing security mechanisms; applications choose one with socket options.",
    level = RequiresOptIn.Level.ERROR,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.CLASS, AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.TYPEALIAS)
public annotation class ZmqMechanismApi
