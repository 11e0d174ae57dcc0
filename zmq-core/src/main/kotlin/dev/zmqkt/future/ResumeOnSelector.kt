package dev.zmqkt.future

import dev.zmqkt.internal.io.SelectorThread
import kotlinx.coroutines.CoroutineDispatcher
import kotlin.coroutines.CoroutineContext

/**
 * Where a future's waiting coroutine resumes: right there when the wake-up comes from a selector thread (an
 * engine that just read a message, holding no socket lock), so a thread blocked on the future is woken without
 * a hop through [fallback]; anywhere else on [fallback]. Inline resumption is not used elsewhere because a
 * wake-up from another socket (inproc) comes while that socket's lock is held.
 */
internal class ResumeOnSelector(private val fallback: CoroutineDispatcher) : CoroutineDispatcher() {
    override fun isDispatchNeeded(context: CoroutineContext): Boolean = !SelectorThread.isCurrent

    override fun dispatch(context: CoroutineContext, block: Runnable) = fallback.dispatch(context, block)
}
