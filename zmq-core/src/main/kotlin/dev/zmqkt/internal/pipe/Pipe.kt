package dev.zmqkt.internal.pipe

import dev.zmqkt.Message
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater
import java.util.concurrent.atomic.AtomicReference

/**
 * A one-way queue of whole messages between a writer and a reader (a socket and an engine, or two inproc
 * sockets), bounded by a high-water mark counted in messages; 0 means unbounded.
 *
 * ### Algorithm
 * A single-producer single-consumer queue without locks (like libzmq's ypipe): messages go into chunks of
 * [CHUNK] slots linked one after another; the writer publishes how many it has written with one volatile store
 * per message (or per batch, for [offerAll]) and the reader takes everything published without touching shared
 * state per message. A finished chunk is handed back to the writer for reuse. The reader publishes how many it
 * has read every `lowWaterMark` messages and whenever it runs dry; the writer sees the queue as full while
 * `written - published read count >= hwm`. Because publishing is batched, a writer may see the queue as full a
 * little early, never late: the pipe never holds more than its HWM.
 *
 * A side that finds nothing to do (reader: empty; writer: full) raises its waiting flag and looks once more; the
 * other side, after changing what it looked at, checks the flag and, if it wins the flag back, calls the waiting
 * side's [PipeListener]. Both sides store before they load (volatile), so neither misses the other; at worst a
 * listener hears of a change the other side already saw. So listeners fire on transitions, not per message.
 *
 * ### Conflate
 * A conflating pipe (ZMQ_CONFLATE) holds at most one message, the newest: each write replaces what is queued and
 * the HWM does not apply. That mode uses a lock and one slot.
 *
 * ### Ending
 * [closeWriter] means no more messages: the reader drains what is queued and then sees [isFinished].
 * [closeReader] means nobody will read: queued messages are dropped and further writes are refused.
 *
 * ### Concurrency
 * One writer and one reader at a time (callers serialise each side, e.g. under the socket's lock, which also
 * orders successive writers on different threads); the two sides may run on different threads.
 */
internal class Pipe(hwm: Int, conflate: Boolean = false) : PipePadF() {
    /**
     * The high-water mark; 0 for none. It may be raised after creation (an inproc connect made before the bind
     * gets the sum of both sockets' marks once the bind happens).
     */
    @Volatile
    var hwm: Int = hwm
        set(value) {
            field = value
            publishEvery = lowWaterMark(value)
        }

    /** Whether the pipe keeps only the newest message (set before use; inproc learns it when both ends exist). */
    @Volatile
    var conflate: Boolean = conflate

    /** Hears "readable" (for the reading side). */
    @Volatile
    var readerListener: PipeListener? = null

    /** Hears "writable" (for the writing side). */
    @Volatile
    var writerListener: PipeListener? = null

    /** Lets the writer have the reading side drain the pipe when the writer finds it full (an engine's flusher). */
    @Volatile
    var drainHelper: PipeDrainHelper? = null

    private val spare = AtomicReference<PipeChunk?>(null)

    init {
        val first = PipeChunk(CHUNK)
        tail = first
        head = first
        publishEvery = lowWaterMark(hwm)
    }

    // Conflate mode: one slot under a lock.
    private val conflateLock = Any()
    private var conflated: Message? = null

    // ---- writer side ----

    /**
     * Appends [message]: [ACCEPTED], [FULL] (the writer is now marked waiting) or [CLOSED] (no reader, or this
     * side was already closed). [ignoreHwm] is for subscriptions, which must not be lost to a full queue.
     */
    fun offer(message: Message, ignoreHwm: Boolean = false): Int {
        if (readerClosed || writerClosed) return CLOSED
        if (conflate) return offerConflated(message)
        if (!ignoreHwm && hwm > 0 && isFull() && !drainedByHelper() && stillFullAfterWaiting()) return FULL
        push(message)
        written = ++localWritten
        wakeReader()
        return ACCEPTED
    }

    /**
     * Appends messages from [messages] starting at [from], as many as the HWM allows. Returns how many were
     * taken, or -1 when the reader is closed. When not all fit, the writer is marked waiting.
     */
    fun offerAll(messages: List<Message>, from: Int): Int {
        if (readerClosed || writerClosed) return -1
        val wanted = messages.size - from
        if (conflate) {
            if (wanted > 0) offerConflated(messages[messages.size - 1])
            return wanted
        }
        var taken = 0
        while (true) {
            val limit = hwm
            if (limit > 0) cachedRead = publishedRead
            val room = if (limit > 0) (limit - (localWritten - cachedRead)).coerceIn(0, Int.MAX_VALUE.toLong()).toInt() else wanted
            val n = minOf(wanted - taken, room)
            for (i in from + taken until from + taken + n) push(messages[i])
            taken += n
            if (n > 0) {
                localWritten += n
                written = localWritten
                wakeReader()
            }
            if (taken == wanted || stillFullAfterWaiting()) return taken
        }
    }

    /**
     * True when the pipe is full, in which case the writer is marked waiting and will hear when room opens, as
     * after a refused [offer]. For writers that must check several pipes before writing to any.
     */
    fun isFullWaiting(): Boolean {
        if (readerClosed || conflate || hwm == 0 || !isFull() || drainedByHelper()) return false
        return stillFullAfterWaiting()
    }

    /** No more messages will be written; the reader is told once it has drained the queue. Idempotent. */
    fun closeWriter() {
        if (writerClosed) return
        writerClosed = true
        readerWaiting = 0
        readerListener?.onPipeEvent(this)
    }

    /**
     * Whether [hwm] messages are unread. Checked against the writer's cached copy of the reader's count first, so
     * a writer with room does not pull the reader's cache line over on every message.
     */
    private fun isFull(): Boolean {
        if (localWritten - cachedRead < hwm) return false
        cachedRead = publishedRead
        return localWritten - cachedRead >= hwm
    }

    /** Full: lets the [drainHelper], if any, take messages out now; true if that made room. */
    private fun drainedByHelper(): Boolean {
        val helper = drainHelper ?: return false
        helper.drain()
        return !isFull()
    }

    /** Raises the writer's waiting flag and looks again: true if still full (the reader will call back). */
    private fun stillFullAfterWaiting(): Boolean {
        writerWaiting = 1
        if (readerClosed || isFull()) return true
        WRITER_WAITING.compareAndSet(this, 1, 0) // room appeared meanwhile: carry on (a callback may still come)
        return false
    }

    private fun push(message: Message) {
        val chunk = tail!!
        chunk.slots[tailIndex] = message
        if (++tailIndex == CHUNK) {
            val next = spare.getAndSet(null) ?: PipeChunk(CHUNK)
            next.next = null
            chunk.next = next // linked before the count that covers it is published
            tail = next
            tailIndex = 0
        }
    }

    private fun wakeReader() {
        if (readerWaiting == 1 && READER_WAITING.compareAndSet(this, 1, 0)) readerListener?.onPipeEvent(this)
    }

    // ---- reader side ----

    /** The next message, or null when none is queued (the reader is then marked waiting) or the pipe is finished. */
    fun poll(): Message? {
        if (conflate) return pollConflated()
        if (available == 0L) {
            available = written - read
            if (available == 0L) {
                publishReadCount()
                if (writerClosed) return null
                readerWaiting = 1
                available = written - read
                if (available == 0L) return null
                READER_WAITING.compareAndSet(this, 1, 0) // data arrived meanwhile (a callback may still come)
            }
        }
        val message = take()
        read++
        available--
        if (++unpublished >= publishEvery || available == 0L) publishReadCount()
        return message
    }

    /** True when the writer has closed and every message has been read. */
    fun isFinished(): Boolean {
        if (!writerClosed) return false
        return written == read && (!conflate || synchronized(conflateLock) { conflated == null })
    }

    /** The reader goes away: queued messages are dropped and the writer is told. Idempotent. */
    fun closeReader() {
        if (readerClosed) return
        readerClosed = true
        if (conflate) {
            synchronized(conflateLock) { conflated = null }
        } else {
            while (written - read > 0) { take(); read++ } // let go of what is queued
            available = 0
        }
        writerWaiting = 0
        writerListener?.onPipeEvent(this)
    }

    private fun take(): Message {
        val chunk = head!!
        val message = chunk.slots[headIndex]!!
        if (++headIndex == CHUNK) {
            // Slots are cleared a whole chunk at a time, not one by one next to where the writer is writing.
            java.util.Arrays.fill(chunk.slots, null)
            head = chunk.next!!
            headIndex = 0
            spare.set(chunk) // the writer may reuse it
        }
        return message
    }

    private fun publishReadCount() {
        unpublished = 0
        if (publishedRead == read) return
        publishedRead = read
        if (writerWaiting == 1 && WRITER_WAITING.compareAndSet(this, 1, 0)) writerListener?.onPipeEvent(this)
    }

    // ---- conflate mode ----

    private fun offerConflated(message: Message): Int {
        val notify: Boolean
        synchronized(conflateLock) {
            conflated = message
            notify = READER_WAITING.compareAndSet(this, 1, 0)
        }
        if (notify) readerListener?.onPipeEvent(this)
        return ACCEPTED
    }

    private fun pollConflated(): Message? {
        val queuedBefore = takeNewestQueued()
        return synchronized(conflateLock) {
            val message = conflated ?: queuedBefore
            conflated = null
            if (message == null && !writerClosed) readerWaiting = 1
            message
        }
    }

    /**
     * Messages queued before the pipe became conflating (an inproc connect made before the bind, where the bound
     * socket conflates): all are older than the slot's, so the newest of them stands in when the slot is empty.
     */
    private fun takeNewestQueued(): Message? {
        var newest: Message? = null
        while (written - read > 0) {
            newest = take()
            read++
        }
        if (newest != null) {
            available = 0
            publishReadCount()
        }
        return newest
    }

    companion object {
        const val ACCEPTED = 0
        const val FULL = 1
        const val CLOSED = 2

        /** Slots per chunk of the queue. */
        private const val CHUNK = 256

        private val READER_WAITING = AtomicIntegerFieldUpdater.newUpdater(PipeFlagFields::class.java, "readerWaiting")
        private val WRITER_WAITING = AtomicIntegerFieldUpdater.newUpdater(PipeFlagFields::class.java, "writerWaiting")

        /**
         * How many reads between publishing the read count: half the HWM for small HWMs, HWM - 1024 for large
         * ones (as libzmq's low-water mark), and rarely for unbounded pipes.
         */
        fun lowWaterMark(hwm: Int): Int = when {
            hwm == 0 -> 4096
            hwm > 2048 -> hwm - 1024
            else -> maxOf(1, (hwm + 1) / 2)
        }
    }
}
