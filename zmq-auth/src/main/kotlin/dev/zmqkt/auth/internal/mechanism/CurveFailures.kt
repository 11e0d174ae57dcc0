@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.auth.internal.curve.CurvePeerErrorException
import dev.zmqkt.auth.internal.curve.CurveProtocolException
import dev.zmqkt.mechanism.MechanismException
import dev.zmqkt.mechanism.ZmqMechanismApi

/** Runs a step of the CURVE state machines, turning their failures into the [MechanismException] zmq-core reports. */
internal inline fun <T> curveStep(step: () -> T): T = try {
    step()
} catch (e: CurveProtocolException) {
    throw MechanismException.protocol(e.code, e.message ?: "CURVE protocol error")
} catch (e: CurvePeerErrorException) {
    throw MechanismException.peerError(e.reason)
}

/** A 32-byte key option, or 32 zero bytes when it is not set (libzmq's default, which then fails the handshake). */
internal fun keyOrZeros(key: ByteArray?): ByteArray = key?.copyOf() ?: ByteArray(32)
