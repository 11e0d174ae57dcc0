package dev.zmqkt.auth.support

import dev.zmqkt.SocketOptions
import dev.zmqkt.auth.Curve
import dev.zmqkt.support.SecurityConfigs
import dev.zmqkt.support.TestZapHandler

/** The keys and socket settings of libzmq's `testutil_security.cpp` for CURVE. */
object CurveConfigs {
    val server = Curve.keypair()
    val client = Curve.keypair()

    /** libzmq's null key: 40 '0' characters, 32 zero bytes. */
    const val NULL_KEY = "0000000000000000000000000000000000000000"

    val curveServer: SocketOptions.() -> Unit = {
        curveServer = true
        curveSecretKey = server.secretKeyBytes()
        zapDomain = SecurityConfigs.ZAP_DOMAIN
    }

    fun curveClient(serverKey: String = server.publicKey, publicKey: String = client.publicKey, secretKey: String = client.secretKey):
        SocketOptions.() -> Unit = {
        curveServerKey = Curve.keyBytes(serverKey)
        curvePublicKey = Curve.keyBytes(publicKey)
        curveSecretKey = Curve.keyBytes(secretKey)
    }

    /** libzmq's test handler for CURVE: the valid client key is accepted, any other refused. */
    fun acceptsValidClient(request: TestZapHandler.ZapRequest): Boolean =
        request.mechanism == "CURVE" && request.credentials.single().contentEquals(client.publicKeyBytes())
}
