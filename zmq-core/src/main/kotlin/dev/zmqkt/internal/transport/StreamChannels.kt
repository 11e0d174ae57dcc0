package dev.zmqkt.internal.transport

import dev.zmqkt.internal.OptionValues
import dev.zmqkt.internal.io.NioSelectable
import dev.zmqkt.internal.io.StreamConnection
import io.ktor.network.selector.SelectInterest
import io.ktor.network.selector.SelectorManager
import java.net.SocketAddress
import java.net.StandardSocketOptions
import java.nio.channels.NetworkChannel
import java.nio.channels.SocketChannel

// What the stream transports (tcp and ipc) share: dialing out and kernel buffer sizes.

/**
 * Connects this freshly opened channel to [address] without blocking: [configure] sets its options first, and
 * [onDelayed] is called when the connection does not complete at once (then this suspends on the selector until
 * it does). On failure the channel is closed and the exception rethrown.
 */
internal suspend fun SocketChannel.dial(
    selectorManager: SelectorManager,
    description: String,
    onDelayed: () -> Unit,
    configure: (SocketChannel) -> Unit,
    address: () -> SocketAddress,
): StreamConnection {
    val selectable = NioSelectable(this, selectorManager)
    try {
        configureBlocking(false)
        configure(this)
        if (!connect(address())) {
            onDelayed()
            while (!finishConnect()) selectable.await(SelectInterest.CONNECT)
        }
        return StreamConnection(this, selectable, description)
    } catch (e: Throwable) {
        selectable.close()
        throw e
    }
}

/** Kernel buffer sizes, for any stream channel (tcp or ipc). */
internal fun NetworkChannel.applyBufferSizes(options: OptionValues) {
    options.sendBufferSize?.let { setOption(StandardSocketOptions.SO_SNDBUF, it) }
    options.receiveBufferSize?.let { setOption(StandardSocketOptions.SO_RCVBUF, it) }
}
