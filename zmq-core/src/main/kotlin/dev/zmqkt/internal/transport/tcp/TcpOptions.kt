package dev.zmqkt.internal.transport.tcp

import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.transport.applyBufferSizes
import jdk.net.ExtendedSocketOptions
import java.net.StandardSocketOptions
import java.nio.channels.SocketChannel

/** Applies a socket's tcp-level options to a connected channel: no Nagle delay (as libzmq), keepalive, buffers. */
internal fun SocketChannel.applyTcpOptions(options: OptionValues) {
    setOption(StandardSocketOptions.TCP_NODELAY, true)
    applyBufferSizes(options)
    options.tcpKeepAlive?.let { setOption(StandardSocketOptions.SO_KEEPALIVE, it) }
    if (options.tcpKeepAlive == true) {
        val supported = supportedOptions()
        options.tcpKeepAliveIdle?.let {
            if (ExtendedSocketOptions.TCP_KEEPIDLE in supported) setOption(ExtendedSocketOptions.TCP_KEEPIDLE, it.seconds.toInt())
        }
        options.tcpKeepAliveInterval?.let {
            if (ExtendedSocketOptions.TCP_KEEPINTERVAL in supported) setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, it.seconds.toInt())
        }
        options.tcpKeepAliveCount?.let {
            if (ExtendedSocketOptions.TCP_KEEPCOUNT in supported) setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, it)
        }
    }
}
