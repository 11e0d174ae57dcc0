package dev.zmqkt.auth

import java.util.concurrent.CompletionStage

/**
 * Decides whether a CURVE client may connect, for [Authenticator.configureCurveCallback] from Java (pyzmq's
 * `credentials_provider.callback(domain, key)`). Kotlin callers pass a suspending function instead.
 *
 * ```java
 * auth.configureCurveCallback("*", (domain, key) -> database.isKnownAsync(key));
 * auth.configureCurveCallback("*", (domain, key) -> CompletableFuture.completedFuture(keys.contains(key)));
 * ```
 */
public fun interface CurveCredentialsProvider {
    /**
     * Whether the client with the Z85 public key [clientPublicKey] may connect to a socket of ZAP [domain] (`*`
     * for sockets without one). The answer may come later; the handshake waits for it (up to the socket's
     * handshake interval). A failed future refuses the client with status 500.
     */
    public fun isAllowed(domain: String, clientPublicKey: String): CompletionStage<Boolean>
}
