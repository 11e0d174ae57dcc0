package dev.zmqkt.devices.internal

import dev.zmqkt.Frame
import dev.zmqkt.Message
import dev.zmqkt.Socket
import dev.zmqkt.SocketType
import dev.zmqkt.devices.ProxyCommand
import kotlinx.coroutines.Job
import kotlinx.coroutines.cancelAndJoin
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch

/**
 * libzmq 4.3's steerable proxy: runs [core] and obeys the commands arriving on [control].
 *
 * - PAUSE cancels the relays. Their waits take and send nothing when cancelled, and a relay keeps the batch it
 *   holds, so nothing is lost: what a relay had taken is delivered first after RESUME.
 * - RESUME starts the relays again.
 * - TERMINATE stops the relays, delivers what they hold (waiting for room, as libzmq's blocking send would, so a
 *   message taken is never dropped) and returns.
 * - STATISTICS replies with the eight counters ([dev.zmqkt.devices.ProxyStatistics]).
 *
 * A REP control socket gets an empty reply to every other message, so that it can take the next command (libzmq
 * since 4.3.5); other types get none. A message that is no command is ignored (libzmq 4.3.4 aborts the process).
 * Commands are not copied to the capture socket, which sees the traffic only (as libzmq's documentation says).
 */
internal class SteeringLoop(private val core: ProxyCore, private val control: Socket) {
    /** Runs until TERMINATE (returning) or a socket fails (throwing). */
    suspend fun run() {
        coroutineScope {
            var relays: Job? = launch { core.run() }
            while (true) {
                val command = ProxyCommand.of(control.receiveOne())
                when (command) {
                    ProxyCommand.PAUSE -> {
                        relays?.cancelAndJoin()
                        relays = null
                    }
                    ProxyCommand.RESUME -> if (relays == null) relays = launch { core.run() }
                    ProxyCommand.TERMINATE -> {
                        relays?.cancelAndJoin()
                        acknowledge()
                        core.deliverHeld()
                        return@coroutineScope
                    }
                    ProxyCommand.STATISTICS -> control.sendOne(core.statistics().toMessage())
                    null -> {}
                }
                if (command != ProxyCommand.STATISTICS) acknowledge()
            }
        }
    }

    private suspend fun acknowledge() {
        if (control.type == SocketType.REP) control.sendOne(EMPTY_REPLY)
    }

    private companion object {
        val EMPTY_REPLY: Message = Message.of(Frame.EMPTY)
    }
}
