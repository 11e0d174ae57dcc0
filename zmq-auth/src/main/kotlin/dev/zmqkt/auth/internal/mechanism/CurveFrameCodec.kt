@file:OptIn(ZmqMechanismApi::class)

package dev.zmqkt.auth.internal.mechanism

import dev.zmqkt.auth.internal.curve.CurveMessageCodec
import dev.zmqkt.mechanism.FrameCodec
import dev.zmqkt.mechanism.UnwrappedFrame
import dev.zmqkt.mechanism.ZmqMechanismApi
import java.nio.ByteBuffer

/**
 * zmq-core's view of a CURVE connection's traffic: each frame becomes a MESSAGE command ([CurveMessageCodec]).
 * Maps zmq-core's logical flags ([FrameCodec.MORE], [FrameCodec.COMMAND]) to the MESSAGE flags byte libzmq
 * uses (MORE 1, COMMAND 2) and back.
 */
internal class CurveFrameCodec(private val codec: CurveMessageCodec) : FrameCodec {
    override val overhead: Int get() = CurveMessageCodec.OVERHEAD

    override fun wrap(payload: ByteArray, offset: Int, length: Int, flags: Int, out: ByteBuffer) {
        var boxFlags = 0
        if (flags and FrameCodec.MORE != 0) boxFlags = boxFlags or CurveMessageCodec.MORE
        if (flags and FrameCodec.COMMAND != 0) boxFlags = boxFlags or CurveMessageCodec.COMMAND
        codec.wrap(payload, offset, length, boxFlags, out)
    }

    override fun unwrap(wireFlags: Int, body: ByteArray, length: Int, result: UnwrappedFrame) {
        val boxFlags = curveStep { codec.unwrap(body, length) }
        var flags = 0
        if (boxFlags and CurveMessageCodec.MORE != 0) flags = flags or FrameCodec.MORE
        if (boxFlags and CurveMessageCodec.COMMAND != 0) flags = flags or FrameCodec.COMMAND
        result.set(body, CurveMessageCodec.PAYLOAD, length - CurveMessageCodec.PAYLOAD, flags)
    }
}
