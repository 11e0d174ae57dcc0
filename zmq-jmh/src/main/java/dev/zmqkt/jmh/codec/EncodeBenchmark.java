package dev.zmqkt.jmh.codec;

import dev.zmqkt.Message;
import dev.zmqkt.internal.codec.FrameEncoder;
import dev.zmqkt.internal.codec.FrameFlags;
import dev.zmqkt.jmh.EngineShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Time and allocation to encode one single-frame message of {@code size} bytes as a ZMTP frame, the engine's
 * write path without the system call.
 *
 * <p>Each invocation encodes a batch of {@link EngineShape#BATCH} ready-made messages into one direct buffer of
 * the engine's pooled size, the way {@code ZmtpEngine.fill} does: a message that does not fit is continued with
 * {@code resume} after a "write", which here just empties the buffer (no copy, no system call). Results are per
 * message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EncodeBenchmark {
    @Param({"10", "100", "1000", "65536"})
    public int size;

    private Message[] messages;
    private ByteBuffer buffer;
    private FrameEncoder encoder;

    @Setup
    public void setUp() {
        messages = Payloads.messages(EngineShape.BATCH, size);
        buffer = ByteBuffer.allocateDirect(EngineShape.BUFFER_SIZE);
        encoder = new FrameEncoder();
    }

    /** Encodes the batch; returns the bytes produced so nothing is optimised away. */
    @Benchmark
    @OperationsPerInvocation(EngineShape.BATCH)
    public long encode() {
        FrameEncoder encoder = this.encoder;
        ByteBuffer buffer = this.buffer;
        long written = 0;
        for (Message message : messages) {
            if (buffer.remaining() < FrameFlags.LONG_HEADER) written += write(buffer);
            if (!encoder.encode(message, buffer)) {
                do {
                    written += write(buffer);
                } while (!encoder.resume(buffer));
            }
        }
        return written + write(buffer);
    }

    /** Stands in for the socket write: the whole buffer goes out. */
    private static int write(ByteBuffer buffer) {
        int n = buffer.position();
        buffer.clear();
        return n;
    }
}
