package dev.zmqkt.auth.internal.zap

import dev.zmqkt.Frame
import dev.zmqkt.Message

/**
 * The answer to one ZAP request: a status code (200 granted, 400 refused, 500 the check itself failed), the
 * status text pyzmq's Authenticator gives (also the reason logged), and the User-Id granted (empty unless 200).
 */
internal class ZapDecision private constructor(val status: Int, val text: String, val userId: String) {
    val allowed: Boolean get() = status == OK

    /** The reply message: [envelope], then version, request id, status, text, User-Id, empty metadata. */
    fun reply(envelope: List<Frame>, requestId: Frame): Message =
        Message(
            envelope + listOf(
                Frame.of(VERSION), requestId, Frame.of(status.toString()), Frame.of(text),
                Frame.of(if (allowed) userId else ""), Frame.EMPTY,
            ),
        )

    override fun toString(): String = if (allowed) "200 $text (User-Id '$userId')" else "$status $text"

    companion object {
        const val VERSION = "1.0"
        const val OK = 200
        const val REFUSED = 400
        const val FAILED = 500

        fun allow(userId: String) = ZapDecision(OK, "OK", userId)
        fun deny(reason: String) = ZapDecision(REFUSED, reason, "")
        fun fail(reason: String) = ZapDecision(FAILED, reason, "")
    }
}
