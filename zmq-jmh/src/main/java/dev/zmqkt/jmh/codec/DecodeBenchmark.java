package dev.zmqkt.jmh.codec;

import dev.zmqkt.Message;
import dev.zmqkt.internal.codec.FrameDecoder;
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
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Time and allocation to decode one single-frame message of {@code size} bytes from ZMTP bytes into a
 * {@link Message}, the engine's read path without the system call and the pipe.
 *
 * <p>Each invocation decodes {@link EngineShape#BATCH} frames. The input is at most one pooled buffer's worth
 * (128 KiB) of pre-encoded whole frames, a direct buffer decoded over and over until the batch is complete, so
 * it is as warm in cache as a buffer the kernel has just filled. Every completed message is gathered into a
 * batch list and the batch is handed off and cleared, the way {@code ZmtpEngine.decode} does before
 * {@code offerAll}. The decoder allocates what a real read allocates: a body array per frame, the Frame, the
 * frame array and the Message; those are fresh (cold) memory, as on a real receiver. Results are per message.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DecodeBenchmark {
    @Param({"10", "100", "1000", "65536"})
    public int size;

    private ByteBuffer encoded;
    private int encodedLength;

    /** How many times the encoded input is decoded per invocation. */
    private int passes;

    private FrameDecoder decoder;
    private final ArrayList<Message> batch = new ArrayList<>(EngineShape.BATCH);

    /** The last message handed off, kept for the check in {@link #setUp}. */
    private Message lastDelivered;

    @Setup
    public void setUp() {
        // A power of two (so it divides the batch) of whole frames, no more than one pooled buffer holds.
        int frameLength = size + (size <= FrameFlags.SHORT_MAX ? FrameFlags.SHORT_HEADER : FrameFlags.LONG_HEADER);
        int fitting = Math.max(1, Math.min(EngineShape.BATCH, EngineShape.BUFFER_SIZE / frameLength));
        int frames = Integer.highestOneBit(fitting);
        encoded = Payloads.encoded(Payloads.messages(frames, size));
        encodedLength = encoded.limit();
        passes = EngineShape.BATCH / frames;
        decoder = new FrameDecoder(-1L, EngineShape.TRAFFIC_COMMAND_LIMIT);
        int decoded = decode();
        Message last = lastDelivered;
        if (decoded != EngineShape.BATCH || last == null || last.get(0).size() != size
                || last.get(0).get(size - 1) != Payloads.bytes(size)[size - 1]) {
            throw new IllegalStateException("decoded " + decoded + " messages, last " + last);
        }
    }

    /** Decodes a batch of frames; returns the number of messages. */
    @Benchmark
    @OperationsPerInvocation(EngineShape.BATCH)
    public int decode() {
        ByteBuffer in = encoded;
        int end = encodedLength;
        int count = 0;
        for (int pass = 0; pass < passes; pass++) {
            in.limit(end).position(0);
            count += decodeRead(in);
        }
        return count;
    }

    /**
     * The engine's loop over one read's bytes: decode every complete frame, hand off full batches, hand off the
     * rest when the bytes are used up.
     */
    private int decodeRead(ByteBuffer in) {
        FrameDecoder decoder = this.decoder;
        ArrayList<Message> batch = this.batch;
        int count = 0;
        while (true) {
            int result = decoder.decode(in);
            if (result == FrameDecoder.MESSAGE) {
                batch.add(decoder.getMessage());
                count++;
                if (batch.size() >= EngineShape.BATCH) deliver(batch);
            } else if (result == FrameDecoder.NEED_INPUT) {
                deliver(batch);
                return count;
            } else {
                throw new IllegalStateException("unexpected decode result " + result);
            }
        }
    }

    /** Stands in for {@code offerAll}: the messages leave the engine. */
    private void deliver(ArrayList<Message> batch) {
        int n = batch.size();
        if (n == 0) return;
        lastDelivered = batch.get(n - 1);
        batch.clear();
    }
}
