package dev.zmqkt.jmh.curve;

import dev.zmqkt.auth.internal.curve.CurveMessageCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;

/**
 * Time per frame of CURVE's MESSAGE codec (zmq-auth), the per-frame cost CURVE adds to a connection: {@code wrap}
 * encrypts a {@code size}-byte payload into a direct buffer as the engine's writer does; {@code wrapAndUnwrap} adds
 * the receiver's check and in-place decryption. The codec is internal to zmq-auth (public in bytecode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CurveCodecBenchmark {
    @Param({"10", "100", "1000", "65536"})
    public int size;

    private byte[] payload;
    private ByteBuffer direct;
    private byte[] body;
    private CurveMessageCodec client;
    private CurveMessageCodec server;

    @Setup
    public void setUp() {
        byte[] sessionKey = new byte[32];
        new SecureRandom().nextBytes(sessionKey);
        client = new CurveMessageCodec(sessionKey, false, 3, 1);
        server = new CurveMessageCodec(sessionKey, true, 2, 2);
        payload = new byte[size];
        new SecureRandom().nextBytes(payload);
        direct = ByteBuffer.allocateDirect(size + CurveMessageCodec.OVERHEAD);
        body = new byte[size + CurveMessageCodec.OVERHEAD];
    }

    /** Encrypts one frame into a direct buffer. */
    @Benchmark
    public int wrap() {
        direct.clear();
        client.wrap(payload, 0, size, 0, direct);
        return direct.position();
    }

    /** Encrypts one frame, then checks and decrypts it in place. */
    @Benchmark
    public int wrapAndUnwrap() {
        client.wrap(payload, 0, size, 0, body, 0);
        return server.unwrap(body, body.length);
    }
}
