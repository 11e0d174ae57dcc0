package dev.zmqkt.devices

import dev.zmqkt.Context
import dev.zmqkt.SocketType
import dev.zmqkt.devices.internal.DeviceKind

/**
 * A device that runs [proxy] between an in socket of [inType] and an out socket of [outType] (pyzmq's
 * `Device`, `ThreadDevice` and `ProcessDevice`): a queue (ROUTER in, DEALER out), a forwarder (XSUB in, XPUB
 * out) or a streamer (PULL in, PUSH out). With [outType] null, the in socket serves both sides (pyzmq's
 * `out_type < 0`). See [AbstractDevice] for configuring, starting and stopping it.
 *
 * ```kotlin
 * val streamer = Device(SocketType.PULL, SocketType.PUSH)
 *     .bindIn("tcp://127.0.0.1:*")
 *     .bindOut("tcp://127.0.0.1:*")
 *     .startThread()
 * println("push to ${streamer.boundIn[0]}, pull from ${streamer.boundOut[0]}")
 * ```
 *
 * @param context the context its sockets belong to, for `inproc://` endpoints shared with the rest of the
 *   program; without one the device makes its own and terminates it when it ends.
 */
public class Device @JvmOverloads constructor(
    inType: SocketType,
    outType: SocketType?,
    context: Context? = null,
) : AbstractDevice<Device>(DeviceKind.PROXY, inType, outType, context)
