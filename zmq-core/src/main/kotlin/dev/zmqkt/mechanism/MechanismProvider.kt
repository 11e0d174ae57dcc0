package dev.zmqkt.mechanism

/**
 * Makes the handshakes of one security mechanism. zmq-kt has NULL and PLAIN built in; another module adds a
 * mechanism by implementing this interface and listing the class in
 * `META-INF/services/dev.zmqkt.mechanism.MechanismProvider`, where zmq-kt finds it with [java.util.ServiceLoader]
 * the first time a socket needs that mechanism (zmq-auth registers CURVE this way).
 *
 * A socket uses the mechanism its options chose (its `mechanism` property: the last of `plainServer`,
 * `plainUsername`, `curveServer`, `curveServerKey`, ... set, as in libzmq). When no provider of that name is on the
 * class path, setting the option that chooses it raises [dev.zmqkt.MechanismUnavailableException].
 *
 * Implementations must have a public no-argument constructor (ServiceLoader) and be thread-safe: one provider
 * makes the handshakes of every connection.
 */
@ZmqMechanismApi
public interface MechanismProvider {
    /** The mechanism's name as it appears in the ZMTP greeting: `"CURVE"`. At most 20 ASCII characters. */
    public val name: String

    /** A new handshake for one connection, in the role [MechanismContext.isServer] says. */
    public fun newHandshake(context: MechanismContext): MechanismHandshake
}
