package dev.zmqkt.internal.pipe

import dev.zmqkt.Message

/**
 * A one-way queue of whole messages between a writer and a reader (a socket and an engine, or two inproc
 * sockets), bounded by a high-water mark counted in messages; 0 means unbounded.
 *
 * ### Algorithm
 * The writer appends to a shared queue under a lock. The reader keeps a private cache: when the cache is empty
 * it takes the lock once and swaps the whole shared queue into it, so a burst of messages costs one lock for
 * the reader instead of one per message. The reader publishes how many messages it has read every
 * `lowWaterMark` messages and at each swap; the writer sees the queue as full while
 * `written - published read count >= hwm`. Because publishing is batched, a writer may see the queue as full a
 * little early, never late: the pipe never holds more than its HWM.
 *
 * A side that finds nothing to do (reader: empty; writer: full) marks itself waiting under the lock; the other
 * side, when it changes that, clears the mark and calls the waiting side's [PipeListener] once. So listeners
 * fire on transitions, not per message.
 *
 * ### Conflate
 * A conflating pipe (ZMQ_CONFLATE) holds at most one message, the newest: each write replaces what is queued,
 * the HWM does not apply, and the reader takes from the shared queue directly.
 *
 * ### Ending
 * [closeWriter] means no more messages: the reader drains what is queued and then sees [isFinished].
 * [closeReader] means nobody will read: queued messages are dropped and further writes are refused.
 *
 * ### Concurrency
 * One writer and one reader at a time (callers serialise each side, e.g. under the socket's lock); the two
 * sides may run on different threads.
 */
internal class Pipe(hwm: Int, conflate: Boolean = false) {
    /** Whether the pipe keeps only the newest message (set before use; inproc learns it when both ends exist). */
    @Volatile
    var conflate: Boolean = conflate

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

    private val lock = Any()

    // Shared state, guarded by [lock].
    private var queue = ArrayDeque<Message>()
    private var written = 0L
    private var publishedRead = 0L
    private var readerWaiting = false
    private var writerWaiting = false
    private var writerClosed = false
    private var readerClosed = false

    // Reader-private state.
    private var cache = ArrayDeque<Message>()
    private var read = 0L
    private var unpublished = 0
    private var publishEvery = lowWaterMark(hwm)

    /** Hears "readable" (for the reading side). */
    @Volatile
    var readerListener: PipeListener? = null

    /** Hears "writable" (for the writing side). */
    @Volatile
    var writerListener: PipeListener? = null

    // ---- writer side ----

    /**
     * Appends [message]: [ACCEPTED], [FULL] (the writer is now marked waiting) or [CLOSED] (no reader, or this
     * side was already closed). [ignoreHwm] is for subscriptions, which must not be lost to a full queue.
     */
    fun offer(message: Message, ignoreHwm: Boolean = false): Int {
        val notify: Boolean
        synchronized(lock) {
            if (readerClosed || writerClosed) return CLOSED
            if (!ignoreHwm && !conflate && hwm > 0 && written - publishedRead >= hwm) {
                writerWaiting = true
                return FULL
            }
            if (conflate) queue.clear()
            queue.addLast(message)
            written++
            notify = readerWaiting
            readerWaiting = false
        }
        if (notify) readerListener?.onPipeEvent(this)
        return ACCEPTED
    }

    /**
     * Appends messages from [messages] starting at [from], as many as the HWM allows. Returns how many were
     * taken, or -1 when the reader is closed. When not all fit, the writer is marked waiting.
     */
    fun offerAll(messages: List<Message>, from: Int): Int {
        val notify: Boolean
        val taken: Int
        synchronized(lock) {
            if (readerClosed || writerClosed) return -1
            val wanted = messages.size - from
            if (conflate) {
                queue.clear()
                if (wanted > 0) queue.addLast(messages[messages.size - 1])
                taken = wanted
            } else {
                val room = if (hwm > 0) (hwm - (written - publishedRead)).toInt().coerceAtLeast(0) else wanted
                taken = minOf(wanted, room)
                for (i in from until from + taken) queue.addLast(messages[i])
            }
            written += taken
            if (taken < wanted) writerWaiting = true
            notify = taken > 0 && readerWaiting
            if (notify) readerWaiting = false
        }
        if (notify) readerListener?.onPipeEvent(this)
        return taken
    }

    /**
     * True when the pipe is full, in which case the writer is marked waiting and will hear when room opens, as
     * after a refused [offer]. For writers that must check several pipes before writing to any.
     */
    fun isFullWaiting(): Boolean = synchronized(lock) {
        val full = !readerClosed && !conflate && hwm > 0 && written - publishedRead >= hwm
        if (full) writerWaiting = true
        full
    }

    /** No more messages will be written; the reader is told once it has drained the queue. Idempotent. */
    fun closeWriter() {
        synchronized(lock) {
            if (writerClosed) return
            writerClosed = true
            readerWaiting = false
        }
        readerListener?.onPipeEvent(this)
    }

    // ---- reader side ----

    /** The next message, or null when none is queued (the reader is then marked waiting) or the pipe is finished. */
    fun poll(): Message? {
        val fromCache = cache.removeFirstOrNull()
        if (fromCache != null) {
            countRead()
            return fromCache
        }
        val notifyWriter: Boolean
        synchronized(lock) {
            publishedRead = read
            unpublished = 0
            notifyWriter = writerWaiting && (hwm == 0 || written - publishedRead < hwm)
            if (notifyWriter) writerWaiting = false
            if (queue.isEmpty()) {
                if (!writerClosed) readerWaiting = true
            } else if (conflate) {
                cache.addLast(queue.removeFirst()) // take just the newest; later writes replace what is queued
            } else {
                val swapped = cache
                cache = queue
                queue = swapped
            }
        }
        if (notifyWriter) writerListener?.onPipeEvent(this)
        val message = cache.removeFirstOrNull() ?: return null
        countRead()
        return message
    }

    /** True when the writer has closed and every message has been read. */
    fun isFinished(): Boolean {
        if (cache.isNotEmpty()) return false
        return synchronized(lock) { writerClosed && queue.isEmpty() }
    }

    /** True when the writer has closed (messages may still be queued). */
    fun isWriterClosed(): Boolean = synchronized(lock) { writerClosed }

    /** True when the reader has closed. */
    fun isReaderClosed(): Boolean = synchronized(lock) { readerClosed }

    /** The reader goes away: queued messages are dropped and the writer is told. Idempotent. */
    fun closeReader() {
        cache.clear()
        synchronized(lock) {
            if (readerClosed) return
            readerClosed = true
            queue.clear()
            writerWaiting = false
        }
        writerListener?.onPipeEvent(this)
    }

    /** Messages queued now (approximate while the other side runs). */
    fun size(): Int = synchronized(lock) { (written - read).toInt().coerceAtLeast(0) }

    private fun countRead() {
        read++
        // Publish every low-water mark, and whenever the cache runs dry, so an idle reader leaves the writer
        // an exact count.
        if (++unpublished >= publishEvery || cache.isEmpty()) publishReadCount()
    }

    private fun publishReadCount() {
        val notify: Boolean
        synchronized(lock) {
            publishedRead = read
            notify = writerWaiting && (hwm == 0 || written - publishedRead < hwm)
            if (notify) writerWaiting = false
        }
        unpublished = 0
        if (notify) writerListener?.onPipeEvent(this)
    }

    companion object {
        const val ACCEPTED = 0
        const val FULL = 1
        const val CLOSED = 2

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
