package dev.zmqkt.jmh;

/**
 * The sizes the engine works with, copied from zmq-core where they are private: the benchmarks move bytes and
 * messages in the same units the engine does. Keep in step with zmq-core.
 */
public final class EngineShape {
    /** Bytes per pooled I/O buffer (direct), as {@code ContextCore.BUFFER_SIZE}. */
    public static final int BUFFER_SIZE = 128 * 1024;

    /** Messages decoded before one hand-off to the inbound pipe, as {@code ZmtpEngine.BATCH}. */
    public static final int BATCH = 512;

    /** The largest command accepted after the handshake, as {@code ZmtpEngine.TRAFFIC_COMMAND_LIMIT}. */
    public static final int TRAFFIC_COMMAND_LIMIT = 16 * 1024 * 1024;

    /** The default send and receive high-water mark, in messages (ZMQ_SNDHWM, ZMQ_RCVHWM). */
    public static final int DEFAULT_HWM = 1000;

    private EngineShape() {
    }
}
