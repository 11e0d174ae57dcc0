@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.mechanism.MechanismProvider
import dev.zmqkt.mechanism.ZmqMechanismApi
import org.slf4j.LoggerFactory
import java.util.ServiceConfigurationError
import java.util.ServiceLoader

/**
 * The security mechanisms zmq-kt can use, by greeting name: NULL and PLAIN built in, others (CURVE from zmq-auth)
 * found once with [ServiceLoader] through `META-INF/services/dev.zmqkt.mechanism.MechanismProvider`. A built-in
 * name cannot be replaced.
 */
internal object MechanismRegistry {
    private val log = LoggerFactory.getLogger(MechanismRegistry::class.java)

    private val builtIn: Map<String, MechanismProvider> = listOf(NullMechanismProvider, PlainMechanismProvider)
        .associateBy { it.name }

    private val providers: Map<String, MechanismProvider> by lazy {
        val found = LinkedHashMap(builtIn)
        val loader = ServiceLoader.load(MechanismProvider::class.java, MechanismRegistry::class.java.classLoader)
        val iterator = loader.iterator()
        while (true) {
            val provider = try {
                if (!iterator.hasNext()) break
                iterator.next()
            } catch (e: ServiceConfigurationError) {
                // ERROR: a provider listed on the class path cannot be loaded; its mechanism stays unavailable
                log.error("a security mechanism provider could not be loaded", e)
                continue
            }
            val name = provider.name.uppercase()
            if (name in builtIn) {
                log.warn("ignoring {} for mechanism {}: zmq-kt has its own", provider.javaClass.name, name)
            } else {
                found.putIfAbsent(name, provider)
            }
        }
        found
    }

    /** A provider tests install for a while (see [withTestProvider]); found before the class path's. */
    @Volatile
    private var testProvider: MechanismProvider? = null

    /** The provider of mechanism [name] (as in the greeting), or null when none is on the class path. */
    fun find(name: String): MechanismProvider? =
        builtIn[name] ?: testProvider?.takeIf { it.name == name } ?: providers[name]

    /** Whether mechanism [name] is available (built in, or a provider on the class path). */
    fun isAvailable(name: String): Boolean = find(name) != null

    /** Runs [block] with [provider] installed, for zmq-core's own tests of the extension point. */
    suspend fun <T> withTestProvider(provider: MechanismProvider, block: suspend () -> T): T {
        testProvider = provider
        try {
            return block()
        } finally {
            testProvider = null
        }
    }
}
