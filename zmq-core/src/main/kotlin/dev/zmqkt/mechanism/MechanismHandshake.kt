package dev.zmqkt.mechanism

import dev.zmqkt.Metadata

/**
 * One connection's security handshake, as a state machine that does no I/O (libzmq's `mechanism_t`). zmq-kt runs
 * it after the greetings, in a loop:
 *
 * 1. send every command [nextCommand] yields until it returns null;
 * 2. stop if [isComplete] (the handshake succeeded: traffic starts, through [frameCodec] if it is not null);
 * 3. otherwise read the peer's next command, give it to [receive], and go back to 1.
 *
 * Both calls may suspend, to ask ZAP through [MechanismContext.authenticate]. A failure is a [MechanismException]
 * thrown from either: zmq-kt sends the ERROR command it names (if any), raises its monitor event and drops the
 * connection. An ERROR command from the peer reaches [receive] like any other command; libzmq's mechanisms end
 * with [MechanismException.peerError] then.
 *
 * ### Concurrency
 * Called from one coroutine at a time; needs no locking.
 */
@ZmqMechanismApi
public interface MechanismHandshake {
    /** The next command to send, or null when there is nothing to send now. */
    public suspend fun nextCommand(): HandshakeCommand?

    /** Handles a command from the peer. */
    public suspend fun receive(command: HandshakeCommand)

    /** True once the handshake succeeded; [peerProperties] and [frameCodec] are then final. */
    public val isComplete: Boolean

    /** The properties the peer announced (`Socket-Type`, `Identity`, ...), once [isComplete]. */
    public val peerProperties: Metadata

    /**
     * How message frames travel after the handshake: null for as they are (NULL, PLAIN: zero cost per frame),
     * or a codec that wraps each frame (CURVE: a MESSAGE command). Read once, when [isComplete] becomes true.
     */
    public val frameCodec: FrameCodec?
}
