package dev.zmqkt.internal.options

import dev.zmqkt.MechanismUnavailableException
import dev.zmqkt.SecurityMechanism
import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.mechanism.MechanismRegistry

/**
 * libzmq's rules for which security mechanism a socket uses (`options.cpp`): no option names it; the last of the
 * options below that was set chooses it, and some of them also set the server role.
 * - `plainServer = v`: PLAIN server when v, else NULL;
 * - `plainUsername`/`plainPassword`: PLAIN client (null: NULL);
 * - `curveServer = v`: CURVE server when v, else NULL;
 * - `curvePublicKey`/`curveSecretKey`: CURVE, the role unchanged;
 * - `curveServerKey`: CURVE client.
 * `plainServer` and `curveServer` read true only while their mechanism is chosen and the role is server, as
 * libzmq's getters do.
 */
internal object MechanismChoice {
    fun plainServer(values: OptionValues, server: Boolean) =
        choose(values, if (server) SecurityMechanism.PLAIN else SecurityMechanism.NULL, server)

    fun plainCredential(values: OptionValues, value: String?) =
        if (value == null) choose(values, SecurityMechanism.NULL, isServer(values))
        else choose(values, SecurityMechanism.PLAIN, server = false)

    fun curveServer(values: OptionValues, server: Boolean) =
        choose(values, if (server) SecurityMechanism.CURVE else SecurityMechanism.NULL, server)

    fun curveOwnKey(values: OptionValues, value: ByteArray?) {
        if (value != null) choose(values, SecurityMechanism.CURVE, isServer(values))
    }

    fun curveServerKey(values: OptionValues, value: ByteArray?) {
        if (value != null) choose(values, SecurityMechanism.CURVE, server = false)
    }

    /** Raises [MechanismUnavailableException] unless [mechanism]'s implementation is on the class path. */
    fun requireImplementation(mechanism: SecurityMechanism, option: String) {
        if (MechanismRegistry.isAvailable(mechanism.name)) return
        throw MechanismUnavailableException(
            "$option needs the ${mechanism.name} mechanism, which is not on the class path: add the zmq-auth module",
        )
    }

    /** libzmq's `as_server`: one flag shared by the mechanisms; here whichever server option reads true. */
    private fun isServer(values: OptionValues): Boolean =
        values.read(OptionTable.PLAIN_SERVER) || values.read(OptionTable.CURVE_SERVER)

    private fun choose(values: OptionValues, mechanism: SecurityMechanism, server: Boolean) {
        values.put(OptionTable.MECHANISM, mechanism)
        values.put(OptionTable.PLAIN_SERVER, server && mechanism == SecurityMechanism.PLAIN)
        values.put(OptionTable.CURVE_SERVER, server && mechanism == SecurityMechanism.CURVE)
    }
}
