package dev.zmqkt.internal.io

import io.ktor.network.selector.InterestSuspensionsMap
import io.ktor.network.selector.SelectInterest
import io.ktor.network.selector.Selectable
import io.ktor.network.selector.SelectorManager
import java.nio.channels.SelectableChannel
import java.util.concurrent.atomic.AtomicBoolean
import java.util.concurrent.atomic.AtomicInteger
import kotlinx.coroutines.launch
import kotlinx.coroutines.yield
import kotlin.coroutines.cancellation.CancellationException

/**
 * A non-blocking NIO channel registered with ktor-network's [SelectorManager], so a coroutine can wait for it
 * to become readable, writable, acceptable or connected without holding a thread.
 *
 * ktor's own `SelectableBase` is internal, so this is the small public-interface implementation the selector
 * needs: the interest set and one suspension slot per interest.
 */
internal class NioSelectable(
    override val channel: SelectableChannel,
    private val selector: SelectorManager,
) : Selectable {
    override val suspensions: InterestSuspensionsMap = InterestSuspensionsMap()
    private val ops = AtomicInteger(0)
    private val closed = AtomicBoolean(false)

    override val interestedOps: Int get() = ops.get()
    override val isClosed: Boolean get() = closed.get()

    override fun interestOp(interest: SelectInterest, state: Boolean) {
        val flag = interest.flag
        while (true) {
            val before = ops.get()
            val after = if (state) before or flag else before and flag.inv()
            if (before == after || ops.compareAndSet(before, after)) return
        }
    }

    /**
     * Suspends until [interest] is ready. Cancelling the wait withdraws it, so the same interest can be waited
     * for again (ktor leaves a cancelled wait registered otherwise).
     */
    suspend fun await(interest: SelectInterest) {
        interestOp(interest, true)
        try {
            selector.select(this, interest)
        } catch (e: CancellationException) {
            suspensions.removeSuspension(interest)
            throw e
        } finally {
            interestOp(interest, false)
        }
    }

    /** Closes the channel and tells the selector, failing any pending wait. Idempotent. */
    override fun close() {
        if (!closed.compareAndSet(false, true)) return
        ops.set(0)
        try {
            channel.close()
        } catch (_: Exception) {
        }
        selector.notifyClosed(this) // fails pending waits with ClosedChannelException
    }

    /**
     * Closes like [close], then waits (at most [timeoutMillis]) until the operating system has really released
     * the channel. A channel registered with a selector is only closed when the selector thread deregisters it,
     * on its next select; so a listener's port would stay taken for a moment after an unbind. This waits for
     * two turns of the selector loop, which is after that deregistration.
     */
    fun closeAndAwaitRelease(timeoutMillis: Long) {
        close()
        if (!channel.isRegistered) return
        val released = java.util.concurrent.CountDownLatch(1)
        selector.launch {
            yield() // the loop runs a select (selectNow, as close woke it) before resuming us
            released.countDown()
        }
        released.await(timeoutMillis, java.util.concurrent.TimeUnit.MILLISECONDS)
    }

    override fun dispose() = close()
}
