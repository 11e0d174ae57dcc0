@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.MechanismProvider
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * CURVE for zmq-kt sockets: zmq-core finds this provider through
 * `META-INF/services/dev.zmqkt.mechanism.MechanismProvider` when a socket's options choose CURVE.
 */
internal class CurveMechanismProvider : MechanismProvider {
    override val name: String = NAME

    override fun newHandshake(context: MechanismContext): MechanismHandshake =
        if (context.isServer) CurveServerMechanism(context) else CurveClientMechanism(context)

    companion object {
        const val NAME: String = "CURVE"
    }
}
