package dev.zmqkt

/**
 * Marks API that is easy to misuse: it hands out internal state for speed (for example [Frame.bytes], which may
 * return the frame's own array: writing to it changes a message others may hold). Opt in with
 * `@OptIn(DelicateZmqApi::class)` where the speed matters and the rule is kept; otherwise use the safe form
 * ([Frame.copyBytes], [Frame.asByteBuffer]).
 */
@RequiresOptIn(
    message = "This API hands out internal state for speed; read its documentation before using it.",
    level = RequiresOptIn.Level.WARNING,
)
@Retention(AnnotationRetention.BINARY)
@Target(AnnotationTarget.FUNCTION, AnnotationTarget.PROPERTY, AnnotationTarget.CLASS)
public annotation class DelicateZmqApi
