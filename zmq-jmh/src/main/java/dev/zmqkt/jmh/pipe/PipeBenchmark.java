package dev.zmqkt.jmh.pipe;

import dev.zmqkt.Message;
import dev.zmqkt.internal.pipe.Pipe;
import dev.zmqkt.jmh.EngineShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The cost of a {@link Pipe} itself, per message, on one thread (no contention, caches warm): one {@code offer}
 * followed by one {@code poll}, and a batch of {@link EngineShape#BATCH} handed over with one {@code offerAll}
 * (as the engine delivers what it decoded) then polled one by one (as a socket receives).
 *
 * <p>The pipe has the default high-water mark of 1000 and listeners installed, as a socket's pipes do; neither
 * side ever finds the pipe full or empty here, so the listeners are not called.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipeBenchmark {
    private Pipe pipe;
    private Message message;
    private List<Message> batch;

    /** Listener calls; only to give the listeners something to do. */
    private int wakeups;

    @Setup
    public void setUp() {
        pipe = new Pipe(EngineShape.DEFAULT_HWM, false);
        pipe.setReaderListener(p -> wakeups++);
        pipe.setWriterListener(p -> wakeups++);
        message = Message.of(new byte[10]);
        batch = new ArrayList<>(EngineShape.BATCH);
        for (int i = 0; i < EngineShape.BATCH; i++) batch.add(Message.of(new byte[10]));
    }

    /** One message in, one message out. */
    @Benchmark
    public Message offerPoll() {
        if (pipe.offer(message, false) != Pipe.ACCEPTED) throw new IllegalStateException("offer refused");
        return pipe.poll();
    }

    /** A batch in with one {@code offerAll}, then each message out with {@code poll}. */
    @Benchmark
    @OperationsPerInvocation(EngineShape.BATCH)
    public void offerAllPoll(Blackhole blackhole) {
        Pipe pipe = this.pipe;
        int taken = pipe.offerAll(batch, 0);
        if (taken != EngineShape.BATCH) throw new IllegalStateException("offerAll took " + taken);
        for (int i = 0; i < taken; i++) blackhole.consume(pipe.poll());
    }
}
