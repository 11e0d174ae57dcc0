package dev.zmqkt.auth

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.auth.internal.zap.AuthPolicy
import dev.zmqkt.auth.internal.zap.CurveRule
import dev.zmqkt.auth.internal.zap.ZapServer
import kotlinx.coroutines.CoroutineName
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.cancel
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import org.slf4j.LoggerFactory
import java.nio.file.Path
import java.time.Duration
import java.util.concurrent.CompletionStage
import java.util.concurrent.Executor

/**
 * Authenticates the connections of a [Context]'s sockets: the ZAP handler (RFC 27) of that context, with the
 * rules and defaults of pyzmq's `zmq.auth.Authenticator`. Sockets ask it about every PLAIN and CURVE client they
 * serve, and about NULL clients when they have a [zapDomain][dev.zmqkt.SocketOptions.zapDomain].
 *
 * ```kotlin
 * coroutineScope {
 *     val auth = Authenticator(ctx, this)           // serves as a coroutine of this scope
 *     auth.allow("127.0.0.1")
 *     auth.configureCurve("*", Path.of("public_keys"))  // the *.key certificates of the clients let in
 *     auth.start()
 *     // ... CURVE servers of ctx now admit only those clients, from 127.0.0.1
 *     auth.stop()                                   // or cancel the scope, or close()
 * }
 * ```
 * ```java
 * try (Authenticator auth = new Authenticator(context)) {   // runs on the context's dispatcher
 *     auth.configureCurve("*", Path.of("public_keys"));
 *     auth.start();
 *     ...
 * }
 * ```
 *
 * ### Rules (pyzmq's)
 * - Addresses: with an allow list ([allow]) only listed addresses pass; an address on the deny list ([deny]) is
 *   refused; the two lists exclude each other. The address is the client's IP (`127.0.0.1`, `::1`); ipc
 *   connections have none (an empty address).
 * - NULL passes unless its address is refused. PLAIN and CURVE must authenticate even from an allowed address:
 *   PLAIN against [configurePlain]'s passwords, CURVE against [configureCurve]'s certificates,
 *   [CURVE_ALLOW_ANY], or [configureCurveCallback]'s callback. Until configured, PLAIN and CURVE clients are
 *   refused.
 * - Domains: a socket's `zapDomain`, or `*` when it has none. `*` is only that default, not a wildcard for
 *   named domains. Each configure call sets the rule of its domain, replacing that domain's previous one.
 *   (pyzmq differs in two corners that are easy to trip on: its `CURVE_ALLOW_ANY` switches every domain at once,
 *   and once any callback is configured it ignores certificate directories in every domain.)
 * - The User-Id granted, which receivers read with `message.property("User-Id")`: `anonymous` for NULL, the user
 *   name for PLAIN, the client's Z85 public key for CURVE, or what [curveUserId] makes of it.
 * - Replies: 200 "OK"; 400 with pyzmq's reason ("Address not allowed", "Address denied", "No passwords defined",
 *   "Invalid domain", "Invalid username", "Invalid password", "Unknown domain", "Unknown key",
 *   "Invalid credentials", "Invalid version", "Not enough frames", "NO ACCESS" for a mechanism it does not know);
 *   500 "Internal error" when a callback throws.
 *
 * ### Logging
 * Every decision is logged through SLF4J, logger `dev.zmqkt.auth.Authenticator`, at DEBUG (as pyzmq does) with
 * the mechanism, domain, address, user name or client key, and the reason. Passwords are never logged. Requests
 * that are not valid ZAP and callbacks that throw are logged at WARN.
 *
 * ### Concurrency
 * Every method may be called from any thread, also while running; a change applies to the handshakes that ask
 * after it. Requests are answered concurrently: a slow CURVE callback delays only its own handshake.
 *
 * ### Lifecycle
 * [start] binds a ROUTER socket at `inproc://zeromq.zap.01` in the context (only one handler per context: a second
 * one fails with [dev.zmqkt.AddressInUseException]) and serves it from a coroutine in the scope. [stop] unbinds;
 * [start] may be called again after it. Cancelling the scope or closing the context stops it too. [close] stops
 * it for good and, for the constructors that made their own scope, cancels that scope.
 */
public class Authenticator private constructor(
    /** The context whose sockets this authenticator serves. */
    public val context: Context,
    private val scope: CoroutineScope,
    private val ownsScope: Boolean,
) : AutoCloseable {
    /**
     * An authenticator that will serve [context] from a coroutine in [scope] once [start]ed: cancelling [scope]
     * stops it.
     */
    public constructor(context: Context, scope: CoroutineScope) : this(context, scope, ownsScope = false)

    /**
     * An authenticator that will run on [context]'s dispatcher, in a scope of its own that [close] cancels: the
     * form for Java, and for code without a coroutine scope at hand.
     */
    public constructor(context: Context) : this(context, ownScope(context.dispatcher), ownsScope = true)

    /**
     * An authenticator that will run on [executor], in a scope of its own that [close] cancels. The executor is
     * not shut down by it.
     */
    public constructor(context: Context, executor: Executor) : this(context, ownScope(executor.asCoroutineDispatcher()), ownsScope = true)

    private val lock = Any()

    @Volatile
    private var policy = AuthPolicy()

    /** The running handler, guarded by [lock]. */
    private var running: Running? = null
    private var closed = false

    private class Running(val socket: dev.zmqkt.Socket, val job: Job)

    /** True while the handler is bound and serving (pyzmq's `is_alive`). */
    public val isRunning: Boolean get() = synchronized(lock) { running?.job?.isActive == true }

    /**
     * Binds the ZAP handler in [context] and starts serving it. Does nothing when already running.
     *
     * @throws dev.zmqkt.AddressInUseException when another ZAP handler is bound in [context].
     * @throws dev.zmqkt.ContextClosedException when [context] is closed.
     * @throws IllegalStateException after [close], or when the scope is already cancelled.
     */
    public fun start() {
        synchronized(lock) {
            check(!closed) { "the authenticator is closed" }
            if (running?.job?.isActive == true) return
            val socket = context.socket(SocketType.ROUTER)
            try {
                socket.linger = Duration.ZERO
                socket.bind(ENDPOINT)
            } catch (e: Exception) {
                socket.close()
                throw e
            }
            val server = ZapServer(socket, { policy }, log)
            val job = scope.launch(CoroutineName("zmq-kt-authenticator")) { server.serve() }
            job.invokeOnCompletion { socket.close() }
            if (!job.isActive) {
                socket.close()
                throw IllegalStateException("the authenticator's scope is cancelled")
            }
            running = Running(socket, job)
            log.debug("Starting: ZAP handler bound at {} in {}", ENDPOINT, context)
        }
    }

    /**
     * Stops serving and unbinds the handler (pyzmq's `stop`): handshakes that ask ZAP from now on find no
     * handler (PLAIN clients are then refused, CURVE and NULL clients admitted, as libzmq does without a
     * handler); answers not yet given are not given. The configuration is kept for a later [start].
     */
    public fun stop() {
        synchronized(lock) {
            val current = running ?: return
            running = null
            current.job.cancel()
            current.socket.close()
            log.debug("Stopped: ZAP handler unbound from {}", context)
        }
    }

    /** [stop], for good: [start] fails afterwards. Cancels the scope when this authenticator made its own. */
    override fun close() {
        synchronized(lock) {
            stop()
            closed = true
        }
        if (ownsScope) scope.cancel()
    }

    /**
     * Allows connections from [addresses] (pyzmq's `allow`): connections from other addresses are refused. NULL
     * clients from these addresses pass; PLAIN and CURVE clients still have to authenticate.
     *
     * @throws IllegalArgumentException when [deny] was used: the two lists exclude each other.
     */
    public fun allow(vararg addresses: String) {
        update {
            require(it.denied.isEmpty()) { "Only use allow or deny, not both" }
            it.copy(allowed = it.allowed + addresses)
        }
        log.debug("Allowing {}", addresses.joinToString(","))
    }

    /**
     * Refuses connections from [addresses] for every mechanism (pyzmq's `deny`); other addresses go on to
     * authenticate.
     *
     * @throws IllegalArgumentException when [allow] was used: the two lists exclude each other.
     */
    public fun deny(vararg addresses: String) {
        update {
            require(it.allowed.isEmpty()) { "Only use allow or deny, not both" }
            it.copy(denied = it.denied + addresses)
        }
        log.debug("Denying {}", addresses.joinToString(","))
    }

    /**
     * Sets the PLAIN users of [domain] (`*` for sockets without a ZAP domain): user name to password. A copy is
     * kept. An empty map changes nothing, as in pyzmq.
     */
    public fun configurePlain(domain: String, passwords: Map<String, String>) {
        if (passwords.isEmpty()) return
        val copy = LinkedHashMap(passwords)
        update { it.copy(passwords = it.passwords + (domain to copy)) }
        log.debug("Configure plain: domain '{}', {} users", domain, copy.size)
    }

    /** [configurePlain] for the default domain `*`. */
    public fun configurePlain(passwords: Map<String, String>) {
        configurePlain(DEFAULT_DOMAIN, passwords)
    }

    /**
     * Admits the CURVE clients of [domain] whose public keys are in the public certificates (`*.key` files) of
     * [directory], as read now (pyzmq's `configure_curve`): after adding or removing certificates, call it
     * again.
     *
     * @throws CertificateException when [directory] is not a directory or a certificate in it cannot be read;
     *   the domain's previous rule is then kept.
     */
    @Throws(CertificateException::class)
    public fun configureCurve(domain: String, directory: Path) {
        val keys = try {
            CurveCertificate.loadDirectory(directory).mapTo(LinkedHashSet()) { it.publicKey }
        } catch (e: CertificateException) {
            log.warn("Failed to load CURVE certs from {}: {}", directory, e.reason)
            throw e
        }
        setCurveRule(domain, CurveRule.Keys(keys, directory.toString()))
    }

    /** [configureCurve] for the default domain `*`. */
    @Throws(CertificateException::class)
    public fun configureCurve(directory: Path) {
        configureCurve(DEFAULT_DOMAIN, directory)
    }

    /**
     * pyzmq's `configure_curve(domain, location)`: [location] is [CURVE_ALLOW_ANY] to admit every CURVE client of
     * [domain] whatever its key (the traffic is still encrypted), or the path of a certificate directory.
     *
     * @throws CertificateException when [location] is a directory that cannot be read.
     */
    @Throws(CertificateException::class)
    public fun configureCurve(domain: String, location: String) {
        if (location == CURVE_ALLOW_ANY) setCurveRule(domain, CurveRule.AllowAny) else configureCurve(domain, Path.of(location))
    }

    /**
     * Admits the CURVE clients of [domain] for which [provider] returns true, given the domain and the client's
     * Z85 public key (pyzmq's `configure_curve_callback`). It may suspend (look the key up in a database); other
     * handshakes are answered meanwhile. An exception from it refuses the client with 500 "Internal error" and is
     * logged at WARN.
     */
    @JvmSynthetic
    public fun configureCurveCallback(domain: String = DEFAULT_DOMAIN, provider: suspend (domain: String, clientPublicKey: String) -> Boolean) {
        setCurveRule(domain, CurveRule.Callback(provider))
    }

    /**
     * [configureCurveCallback] for Java: [provider] returns a future of whether to admit the client, e.g.
     * `CompletableFuture.completedFuture(keys.contains(key))`. A null or failed future refuses it with 500.
     */
    public fun configureCurveCallback(domain: String, provider: CurveCredentialsProvider) {
        setCurveRule(
            domain,
            CurveRule.Callback { d, key ->
                // A Java implementation may return null, or a future of null, whatever the signature says.
                val answer: CompletionStage<Boolean>? = provider.isAllowed(d, key)
                val allowed: Boolean? = checkNotNull(answer) { "the CURVE callback returned no future" }.await()
                checkNotNull(allowed) { "the CURVE callback's future gave null" }
            },
        )
    }

    /** [configureCurveCallback] for Java, for the default domain `*`. */
    public fun configureCurveCallback(provider: CurveCredentialsProvider) {
        configureCurveCallback(DEFAULT_DOMAIN, provider)
    }

    /**
     * The User-Id granted to an admitted CURVE client, made from its Z85 public key (pyzmq's `curve_user_id`):
     * the key itself unless replaced, e.g. `auth.curveUserId = { key -> namesByKey[key] ?: key }`.
     */
    public var curveUserId: (clientPublicKey: String) -> String
        get() = policy.curveUserId
        set(value) = update { it.copy(curveUserId = value) }

    private fun setCurveRule(domain: String, rule: CurveRule) {
        update { it.copy(curve = it.curve + (domain to rule)) }
        log.debug("Configure curve: domain '{}', {}", domain, rule)
    }

    private inline fun update(change: (AuthPolicy) -> AuthPolicy) {
        synchronized(lock) { policy = change(policy) }
    }

    override fun toString(): String = "Authenticator($context${if (isRunning) ", running" else ""})"

    public companion object {
        /** Where a context's ZAP handler is bound (RFC 27). */
        public const val ENDPOINT: String = "inproc://zeromq.zap.01"

        /** The domain of sockets without a ZAP domain. */
        public const val DEFAULT_DOMAIN: String = "*"

        /** [configureCurve]'s location that admits any client key (pyzmq's `zmq.auth.CURVE_ALLOW_ANY`). */
        public const val CURVE_ALLOW_ANY: String = "*"

        private val log = LoggerFactory.getLogger(Authenticator::class.java)

        private fun ownScope(context: kotlin.coroutines.CoroutineContext): CoroutineScope =
            CoroutineScope(SupervisorJob() + context + CoroutineName("zmq-kt-authenticator"))
    }
}
