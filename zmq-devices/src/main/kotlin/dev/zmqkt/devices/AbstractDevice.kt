package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.CoroutineLaunch
import dev.zmqkt.devices.internal.DeviceKind
import dev.zmqkt.devices.internal.DeviceLaunch
import dev.zmqkt.devices.internal.DeviceSide
import dev.zmqkt.devices.internal.DeviceSockets
import dev.zmqkt.devices.internal.DeviceSpec
import dev.zmqkt.devices.internal.InJvmRun
import dev.zmqkt.devices.internal.ProcessLaunch
import dev.zmqkt.devices.internal.SocketSpec
import dev.zmqkt.devices.internal.ThreadLaunch
import dev.zmqkt.devices.internal.reservePort
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asExecutor
import kotlinx.coroutines.future.await
import java.time.Duration
import java.util.concurrent.CompletableFuture
import java.util.concurrent.CompletionException
import java.util.concurrent.ExecutionException
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException

/**
 * What every device has (pyzmq's `zmq.devices.Device` and its Thread and Process forms): you give it socket
 * types, not sockets; it makes the sockets when it starts, with the options, binds and connects you queued, and
 * runs in the background. [D] is the device's own class, so that the setters chain:
 *
 * ```kotlin
 * val queue = Device(SocketType.ROUTER, SocketType.DEALER)
 *     .bindIn("tcp://0.0.0.0:5559")
 *     .bindOut("tcp://0.0.0.0:5560")
 *     .setOptionOut("SNDHWM", 10_000)
 *     .startThread()
 * ...
 * queue.close()
 * ```
 *
 * ### Where it runs
 * - [start]: as a coroutine in a scope you give (cancelling the scope stops it too);
 * - [startThread]: on a thread of its own, named `zmq-kt-device-N` (a daemon thread unless [daemon] is false);
 * - [startProcess]: in a JVM of its own, started with this JVM's `java` and class path ([DeviceProcessMain]).
 *
 * In this JVM the device uses the context given to its constructor, or else makes one of its own, which it
 * terminates when it ends. In a process it always makes its own. Options are set by their libzmq names
 * ([dev.zmqkt.SocketOptions.setOption]: `"SNDHWM"`, `"LINGER"`, `"ROUTING_ID"`, ...), so a device configures the
 * same way wherever it runs. Bind to `tcp://host:*` and read the ports chosen from [boundIn] and [boundOut]
 * once started, or reserve one beforehand with [bindInToRandomPort].
 *
 * ### How it ends
 * [close] (or [stop], or [stopAsync]) stops it and closes its sockets, which deliver what they still queue for up
 * to their linger (the `LINGER` option, or the linger given to [close]); a context the device made is then
 * terminated. A device also ends when its sockets or its context are closed under it, and a steerable proxy when
 * it receives TERMINATE: all of these are normal ends. Any other error ends it as a failure: [failure] holds it,
 * [join] and [joinAsync] report it.
 *
 * A device starts once. Configure it before starting it.
 */
public abstract class AbstractDevice<D : AbstractDevice<D>> internal constructor(
    private val kind: DeviceKind,
    inType: SocketType,
    outType: SocketType?,
    private val context: Context?,
) : AutoCloseable {
    internal val sides = LinkedHashMap<DeviceSide, SocketSpec>()

    private val lock = Any()
    private var started = false
    private var stopRequested = false
    private var stopLinger: Duration? = null
    private var launch: DeviceLaunch? = null
    private var boundEndpoints: Map<DeviceSide, List<String>> = emptyMap()
    private val reservedPorts = HashSet<Int>()
    private val ended = CompletableFuture<Void?>()

    init {
        sides[DeviceSide.IN] = SocketSpec(inType)
        if (outType != null) sides[DeviceSide.OUT] = SocketSpec(outType)
    }

    @Suppress("UNCHECKED_CAST")
    internal val self: D get() = this as D

    /** Whether the thread of [startThread] is a daemon thread, which does not keep the JVM alive (pyzmq's default). */
    public var daemon: Boolean = true
        set(value) {
            checkNotStarted()
            field = value
        }

    // ---- configuration: in and out ----

    /** Binds the in socket to [endpoint] when the device starts. */
    public fun bindIn(endpoint: String): D = configure(DeviceSide.IN) { binds += endpoint }

    /** Connects the in socket to [endpoint] when the device starts. */
    public fun connectIn(endpoint: String): D = configure(DeviceSide.IN) { connects += endpoint }

    /**
     * Sets the in socket's option libzmq calls [name] to [value] when the device starts (before it binds or
     * connects), as [dev.zmqkt.SocketOptions.setOption] does.
     *
     * @throws dev.zmqkt.InvalidOptionException at once for an unknown option or a value that does not fit it.
     */
    public fun setOptionIn(name: String, value: Any?): D = configure(DeviceSide.IN) { addOption(name, value) }

    /**
     * Reserves a free port of [address] (`tcp://host`, no port) between [minPort] and [maxPort] (exclusive) and
     * binds the in socket to it when the device starts; returns the port (pyzmq's `bind_in_to_random_port`).
     *
     * @throws dev.zmqkt.AddressInUseException when no port was free in [maxTries] tries.
     */
    @JvmOverloads
    public fun bindInToRandomPort(address: String, minPort: Int = 49152, maxPort: Int = 65536, maxTries: Int = 100): Int =
        bindToRandomPort(DeviceSide.IN, address, minPort, maxPort, maxTries)

    /** Binds the out socket to [endpoint] when the device starts. */
    public fun bindOut(endpoint: String): D = configure(DeviceSide.OUT) { binds += endpoint }

    /** Connects the out socket to [endpoint] when the device starts. */
    public fun connectOut(endpoint: String): D = configure(DeviceSide.OUT) { connects += endpoint }

    /** Sets the out socket's option [name] to [value] when the device starts; see [setOptionIn]. */
    public fun setOptionOut(name: String, value: Any?): D = configure(DeviceSide.OUT) { addOption(name, value) }

    /** [bindInToRandomPort] for the out socket. */
    @JvmOverloads
    public fun bindOutToRandomPort(address: String, minPort: Int = 49152, maxPort: Int = 65536, maxTries: Int = 100): Int =
        bindToRandomPort(DeviceSide.OUT, address, minPort, maxPort, maxTries)

    /** The endpoints the in socket bound, resolved (a `*` port filled in); empty before the device started. */
    public val boundIn: List<String> get() = bound(DeviceSide.IN)

    /** The endpoints the out socket bound, resolved; empty before the device started. */
    public val boundOut: List<String> get() = bound(DeviceSide.OUT)

    // ---- starting ----

    /**
     * Starts the device as a coroutine in [scope]: makes its sockets now (so a bind that fails throws here), then
     * moves messages in a coroutine of [scope] until stopped. Cancelling [scope] stops the device too.
     */
    public fun start(scope: CoroutineScope): D {
        val spec = beginStart()
        val run = openInJvm(spec)
        startWith(CoroutineLaunch(scope, run))
        return self
    }

    /**
     * Starts the device on a thread of its own (pyzmq's ThreadDevice): makes its sockets now on the calling
     * thread (a bind that fails throws here), then moves messages on a new thread until stopped.
     */
    public fun startThread(): D {
        val spec = beginStart()
        val run = openInJvm(spec)
        startWith(ThreadLaunch(run, daemon))
        return self
    }

    /**
     * Starts the device in a JVM of its own (pyzmq's ProcessDevice), with [jvmOptions] (such as `-Xmx64m`) and
     * this JVM's class path, and waits until it made its sockets: then [boundIn] and the like hold what it bound.
     * Blocks the calling thread for the new JVM's start-up (typically under a second); [startProcessAsync] does
     * not. The process ends when the device does, and when this JVM does.
     *
     * @throws DeviceProcessException when the device's sockets could not be made there (the message says why).
     * @throws IllegalStateException when the device was given a context: a process makes its own.
     */
    @JvmOverloads
    public fun startProcess(jvmOptions: List<String> = emptyList()): D {
        check(context == null) { "a device in its own process makes its own context: make the device without one" }
        val spec = beginStart()
        val started = try {
            ProcessLaunch.start(spec, jvmOptions, ended)
        } catch (e: Throwable) {
            ended.completeExceptionally(e)
            throw e
        }
        synchronized(lock) { boundEndpoints = started.bound }
        startWith(started.launch)
        return self
    }

    /** [startProcess] without blocking: the future completes with this device once its process is ready. */
    @JvmOverloads
    public fun startProcessAsync(jvmOptions: List<String> = emptyList()): CompletableFuture<D> =
        CompletableFuture.supplyAsync({ startProcess(jvmOptions) }, Dispatchers.IO.asExecutor())

    /** The id of the device's process when it was started with [startProcess]; null otherwise. */
    public val processId: Long? get() = (synchronized(lock) { launch } as? ProcessLaunch)?.pid

    /** True once a start method was called (even if it failed). */
    public val isStarted: Boolean get() = synchronized(lock) { started }

    /** True once the device has ended (or was closed before it started). */
    public val isDone: Boolean get() = ended.isDone

    /** The error that ended the device, when it failed; null while it runs and when it ended normally. */
    public val failure: Throwable?
        get() {
            if (!ended.isCompletedExceptionally) return null
            val error = ended.handle { _, e -> e }.getNow(null)
            return if (error is CompletionException) error.cause else error
        }

    // ---- waiting and stopping ----

    /** Waits until the device has ended; throws its [failure] when it failed. */
    @JvmSynthetic
    public suspend fun join() {
        ended.await()
    }

    /**
     * Waits at most [timeout] for the device to end (pyzmq's `join(timeout)`); true when it has. Does not throw
     * the device's failure: read [failure].
     */
    @Throws(InterruptedException::class)
    public fun join(timeout: Duration): Boolean = try {
        ended.get(timeout.toNanos(), TimeUnit.NANOSECONDS)
        true
    } catch (_: TimeoutException) {
        false
    } catch (_: ExecutionException) {
        true
    }

    /** A future that completes when the device has ended: exceptionally with its [failure] when it failed. */
    public fun joinAsync(): CompletableFuture<Void?> = ended.thenApply { it }

    /** Stops the device and waits until it has ended, its sockets closed with their own linger. */
    @JvmSynthetic
    public suspend fun stop() {
        requestStop(null)
        awaitEndQuietly()
    }

    /** Stops the device and waits until it has ended, its sockets closed with [linger]. */
    @JvmSynthetic
    public suspend fun stop(linger: Duration) {
        requestStop(linger)
        awaitEndQuietly()
    }

    /** Stops the device; the future completes once it has ended (even if it had failed before). */
    public fun stopAsync(): CompletableFuture<Void?> {
        requestStop(null)
        return ended.handle { _, _ -> null }
    }

    /** Stops the device with [linger] for its sockets; the future completes once it has ended. */
    public fun stopAsync(linger: Duration): CompletableFuture<Void?> {
        requestStop(linger)
        return ended.handle { _, _ -> null }
    }

    /**
     * Stops the device and waits until it has ended: its sockets closed (and delivered what they queued, for up
     * to their linger) and its thread or process gone. A device started with [start] is only told to stop, as its
     * coroutine needs the threads of its scope (which may be this one): use [stop] to wait for it. Does not
     * throw the device's failure.
     */
    override fun close() {
        closeWith(null)
    }

    /** [close] with [linger] for the device's sockets instead of their own. */
    public fun close(linger: Duration) {
        closeWith(linger)
    }

    private fun closeWith(linger: Duration?) {
        val launch = requestStop(linger) ?: return
        if (!launch.closeWaits) return
        try {
            ended.join()
        } catch (_: Exception) {
            // A failed device has ended too.
        }
        if (launch is ThreadLaunch) launch.thread.join()
    }

    private suspend fun awaitEndQuietly() {
        try {
            ended.await()
        } catch (_: Exception) {
            // Ended, with a failure that [failure] reports.
        }
    }

    /** Asks the device to stop; returns its launch, or null when it never started (it is then done). */
    private fun requestStop(linger: Duration?): DeviceLaunch? {
        val current = synchronized(lock) {
            if (!stopRequested) {
                stopRequested = true
                stopLinger = linger
            }
            if (!started) {
                started = true
                ended.complete(null)
            }
            launch
        }
        current?.requestStop(linger)
        return current
    }

    // ---- for subclasses ----

    internal fun configure(side: DeviceSide, change: SocketSpec.() -> Unit): D {
        synchronized(lock) {
            checkNotStarted()
            val spec = sides[side] ?: throw IllegalStateException(
                if (side == DeviceSide.OUT) "this device has one socket for both sides: configure its in socket" else "this device has no ${side.label} socket",
            )
            spec.change()
        }
        return self
    }

    internal fun bindToRandomPort(side: DeviceSide, address: String, minPort: Int, maxPort: Int, maxTries: Int): Int {
        val port = synchronized(lock) { reservePort(address, minPort, maxPort, maxTries, reservedPorts).also { reservedPorts += it } }
        configure(side) { binds += "$address:$port" }
        return port
    }

    internal fun bound(side: DeviceSide): List<String> = synchronized(lock) { boundEndpoints[side] ?: emptyList() }

    /** What the device runs, from its configuration; monitored queues add their prefixes. */
    internal open fun spec(): DeviceSpec = DeviceSpec(kind, copySides())

    internal fun copySides(): Map<DeviceSide, SocketSpec> = sides.mapValues { (_, s) ->
        SocketSpec(s.type).also { it.options += s.options; it.binds += s.binds; it.connects += s.connects }
    }

    private fun checkNotStarted() {
        check(!started) { "configure a device before starting it" }
    }

    private fun beginStart(): DeviceSpec = synchronized(lock) {
        check(!started) { if (stopRequested) "this device was closed" else "a device starts once" }
        started = true
        spec()
    }

    /** Makes the sockets in this JVM; on failure the device is done, with that failure. */
    private fun openInJvm(spec: DeviceSpec): InJvmRun {
        val ctx = context ?: Context()
        try {
            val sockets = DeviceSockets.open(spec, ctx)
            synchronized(lock) { boundEndpoints = sockets.bound }
            return InJvmRun(sockets, ctx, ownsContext = context == null, ended)
        } catch (e: Throwable) {
            if (context == null) ctx.terminateAsync(Duration.ZERO)
            ended.completeExceptionally(e)
            throw e
        }
    }

    private fun startWith(newLaunch: DeviceLaunch) {
        val (stopNow, linger) = synchronized(lock) {
            launch = newLaunch
            stopRequested to stopLinger
        }
        if (stopNow) newLaunch.requestStop(linger)
    }
}
