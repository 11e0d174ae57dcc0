package dev.zmqkt.auth.internal.zap

import dev.zmqkt.ContextClosedException
import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketClosedException
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineStart
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import org.slf4j.Logger

/**
 * Serves ZAP requests arriving on [socket] (a ROUTER bound at `inproc://zeromq.zap.01`) until the socket closes
 * or the coroutine is cancelled. Each request is judged by the policy [policy] returns when it arrives, in a
 * coroutine of its own: a slow CURVE callback delays only its own handshake. Every reply is logged at DEBUG with
 * its reason; requests that are not ZAP at all at WARN.
 */
internal class ZapServer(
    private val socket: Socket,
    private val policy: () -> AuthPolicy,
    private val log: Logger,
) {
    suspend fun serve() = coroutineScope {
        while (true) {
            val message = try {
                socket.receive()
            } catch (_: SocketClosedException) {
                break
            } catch (_: ContextClosedException) {
                break
            }
            when (val parsed = ZapRequest.parse(message)) {
                is ZapRequest.Parsed.Request -> {
                    val current = policy()
                    launch(start = CoroutineStart.UNDISPATCHED) { answer(parsed.request, current) }
                }
                is ZapRequest.Parsed.TooShort -> tooShort(parsed)
                ZapRequest.Parsed.NoEnvelope -> log.warn("Invalid ZAP message, no envelope delimiter: {} frames dropped", message.size)
            }
        }
    }

    private suspend fun answer(request: ZapRequest, policy: AuthPolicy) {
        if (request.version != ZapDecision.VERSION) {
            log.warn("Invalid ZAP version '{}' (request id {}): refused", request.version, request.requestIdText)
            reply(request.envelope, request.requestId, ZapDecision.deny("Invalid version"))
            return
        }
        val judgement = try {
            policy.judge(request)
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            log.warn("ZAP check failed for {} from {} in domain '{}': {}", request.mechanism, request.address, request.domain, e.toString(), e)
            AuthPolicy.Judgement(ZapDecision.fail("Internal error"), "")
        }
        val decision = judgement.decision
        if (log.isDebugEnabled) {
            log.debug(
                "{} ({}) domain='{}' address='{}'{}: {}",
                if (decision.allowed) "ALLOWED" else "DENIED", request.mechanism, request.domain, request.address,
                if (judgement.detail.isEmpty()) "" else " ${judgement.detail}", decision,
            )
        }
        reply(request.envelope, request.requestId, decision)
    }

    private suspend fun tooShort(parsed: ZapRequest.Parsed.TooShort) {
        val id = parsed.requestId
        if (id == null) {
            log.warn("Invalid ZAP message, {} frames: not enough information to reply", parsed.frames)
            return
        }
        log.warn("Invalid ZAP message, {} frames (request id {}): refused", parsed.frames, id.decodeToString())
        reply(parsed.envelope, id, ZapDecision.deny("Not enough frames"))
    }

    private suspend fun reply(envelope: List<Frame>, requestId: Frame, decision: ZapDecision) {
        val message: Message = decision.reply(envelope, requestId)
        try {
            socket.send(message) // a ROUTER drops it if the handshake has gone meanwhile
        } catch (_: SocketClosedException) {
        } catch (_: ContextClosedException) {
        }
    }
}
