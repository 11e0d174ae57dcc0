package dev.zmqkt.log.support

import dev.zmqkt.AgainException
import dev.zmqkt.log.LogEntry
import dev.zmqkt.log.LogSubscriber
import kotlinx.coroutines.withTimeout
import java.time.Duration

/**
 * Waits until [subscriber] has joined a publisher: calls [probe] (which publishes one record) until the subscriber
 * receives one, then [fence] (one record with the text [fenceText]) and reads until it, so that no probe is left
 * for what follows. Gives up after [timeoutMs].
 */
suspend fun joinByProbing(
    subscriber: LogSubscriber,
    probe: () -> Unit,
    fence: () -> Unit,
    fenceText: String = "fence",
    timeoutMs: Long = 20_000,
) {
    withTimeout(timeoutMs) {
        while (true) {
            probe()
            try {
                subscriber.receive(Duration.ofMillis(20))
                break
            } catch (_: AgainException) {
            }
        }
        fence()
        while (subscriber.receive().text.trim() != fenceText) {
            // a probe sent before the fence
        }
    }
}

/** Receives the next [count] records, waiting up to [timeoutMs] in all. */
suspend fun LogSubscriber.receiveMany(count: Int, timeoutMs: Long = 20_000): List<LogEntry> =
    withTimeout(timeoutMs) { List(count) { receive() } }
