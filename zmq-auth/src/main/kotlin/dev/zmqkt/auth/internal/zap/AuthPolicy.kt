package dev.zmqkt.auth.internal.zap

import dev.zmqkt.auth.Z85
import java.security.MessageDigest

/**
 * Everything an Authenticator decides with, as one immutable value: reconfiguring makes a new one, and each
 * request is judged by the one current when it arrived, so a change applies to later handshakes only.
 *
 * The rules are pyzmq's `zmq.auth.Authenticator.handle_zap_message`: an address on the deny list is refused for
 * every mechanism; with an allow list only listed addresses pass, and an allowed address still has to
 * authenticate with PLAIN or CURVE; NULL passes unless its address is refused. An empty domain means `*`; `*` is
 * not a wildcard for named domains.
 */
internal data class AuthPolicy(
    val allowed: Set<String> = emptySet(),
    val denied: Set<String> = emptySet(),
    /** Per domain: user name to password. */
    val passwords: Map<String, Map<String, String>> = emptyMap(),
    val curve: Map<String, CurveRule> = emptyMap(),
    val curveUserId: (clientPublicKey: String) -> String = { it },
) {
    /** A decision and the detail worth logging with it (user name, client key). */
    class Judgement(val decision: ZapDecision, val detail: String)

    suspend fun judge(request: ZapRequest): Judgement {
        val address = request.address
        var allowed = false
        var denied = false
        var reason = "NO ACCESS"
        if (this.allowed.isNotEmpty()) {
            if (address in this.allowed) allowed = true else { denied = true; reason = "Address not allowed" }
        } else if (this.denied.isNotEmpty()) {
            if (address in this.denied) { denied = true; reason = "Address denied" } else allowed = true
        }
        if (denied) return Judgement(ZapDecision.deny(reason), "")
        return when (request.mechanism) {
            "NULL" -> Judgement(ZapDecision.allow(ANONYMOUS), "")
            "PLAIN" -> judgePlain(request)
            "CURVE" -> judgeCurve(request)
            // pyzmq: another mechanism passes only from an allowed address.
            else -> Judgement(if (allowed) ZapDecision.allow(ANONYMOUS) else ZapDecision.deny(reason), "")
        }
    }

    private fun judgePlain(request: ZapRequest): Judgement {
        if (request.credentials.size != 2) return Judgement(ZapDecision.deny(INVALID_CREDENTIALS), "${request.credentials.size} credentials")
        val username = request.credentials[0].decodeToString()
        val password = request.credentials[1].decodeToString()
        val detail = "username=$username"
        if (passwords.isEmpty()) return Judgement(ZapDecision.deny("No passwords defined"), detail)
        val users = passwords[defaultDomain(request.domain)] ?: return Judgement(ZapDecision.deny("Invalid domain"), detail)
        val expected = users[username] ?: return Judgement(ZapDecision.deny("Invalid username"), detail)
        if (!MessageDigest.isEqual(expected.toByteArray(), password.toByteArray())) {
            return Judgement(ZapDecision.deny("Invalid password"), detail)
        }
        return Judgement(ZapDecision.allow(username), detail)
    }

    private suspend fun judgeCurve(request: ZapRequest): Judgement {
        val key = request.credentials.singleOrNull()?.takeIf { it.size == KEY_BYTES }
            ?: return Judgement(ZapDecision.deny(INVALID_CREDENTIALS), "${request.credentials.size} credentials")
        val domain = defaultDomain(request.domain)
        val publicKey = Z85.encode(key.copyBytes())
        val detail = "client_key=$publicKey"
        val known = when (val rule = curve[domain] ?: return Judgement(ZapDecision.deny("Unknown domain"), detail)) {
            CurveRule.AllowAny -> true
            is CurveRule.Keys -> publicKey in rule.publicKeys
            is CurveRule.Callback -> rule.check(domain, publicKey)
        }
        if (!known) return Judgement(ZapDecision.deny("Unknown key"), detail)
        return Judgement(ZapDecision.allow(curveUserId(publicKey)), detail)
    }

    companion object {
        const val DEFAULT_DOMAIN = "*"
        const val ANONYMOUS = "anonymous"
        const val INVALID_CREDENTIALS = "Invalid credentials"
        private const val KEY_BYTES = 32

        fun defaultDomain(domain: String): String = domain.ifEmpty { DEFAULT_DOMAIN }
    }
}
