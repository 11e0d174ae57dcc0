package dev.zmqkt.auth.internal.zap

import dev.zmqkt.Frame
import dev.zmqkt.Message

/**
 * One ZAP request (RFC 27) as the handler's ROUTER socket delivers it: the envelope (the requester's routing id
 * and the frames up to the empty delimiter, which the reply repeats), then version, request id, domain, address,
 * identity, mechanism and the mechanism's credentials.
 */
internal class ZapRequest(
    val envelope: List<Frame>,
    val version: String,
    val requestId: Frame,
    val domain: String,
    val address: String,
    val mechanism: String,
    val credentials: List<Frame>,
) {
    /** [requestId] as text, for logs. */
    val requestIdText: String get() = requestId.decodeToString()

    /** What [parse] found: a request, one too short to judge (answered 400 when it has a request id), or nothing to answer. */
    sealed interface Parsed {
        class Request(val request: ZapRequest) : Parsed

        /** Fewer than six fields: answered 400 "Not enough frames" when [requestId] is there. */
        class TooShort(val envelope: List<Frame>, val requestId: Frame?, val frames: Int) : Parsed

        /** No envelope delimiter: a REP would not answer it either. */
        object NoEnvelope : Parsed
    }

    companion object {
        private const val FIELDS = 6

        /** Splits a message received on a ROUTER into envelope and fields. */
        fun parse(message: Message): Parsed {
            val frames = message.frames
            // frames[0] is the routing id the ROUTER added; the delimiter follows the requester's own envelope.
            val delimiter = (1 until frames.size).firstOrNull { frames[it].isEmpty } ?: return Parsed.NoEnvelope
            val envelope = frames.subList(0, delimiter + 1)
            val fields = frames.subList(delimiter + 1, frames.size)
            if (fields.size < FIELDS) return Parsed.TooShort(envelope, fields.getOrNull(1), fields.size)
            return Parsed.Request(
                ZapRequest(
                    envelope = envelope,
                    version = fields[0].decodeToString(),
                    requestId = fields[1],
                    domain = fields[2].decodeToString(),
                    address = fields[3].decodeToString(),
                    mechanism = fields[5].decodeToString(),
                    credentials = fields.subList(FIELDS, fields.size),
                ),
            )
        }
    }
}
