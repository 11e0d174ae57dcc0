@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.internal.mechanism

import dev.zmqkt.mechanism.MechanismContext
import dev.zmqkt.mechanism.MechanismHandshake
import dev.zmqkt.mechanism.MechanismProvider
import dev.zmqkt.mechanism.ZmqMechanismApi

/**
 * The PLAIN mechanism (RFC 24): the client sends a user name and password in clear text (HELLO), the server has
 * the ZAP handler check them and answers WELCOME, the client sends its properties (INITIATE), the server answers
 * with its own (READY).
 */
internal object PlainMechanismProvider : MechanismProvider {
    override val name: String = "PLAIN"

    override fun newHandshake(context: MechanismContext): MechanismHandshake =
        if (context.isServer) PlainServerHandshake(context) else PlainClientHandshake(context)

    const val HELLO = "HELLO"
    const val WELCOME = "WELCOME"
    const val INITIATE = "INITIATE"
    const val READY = "READY"
    const val ERROR = "ERROR"
}
