package dev.zmqkt.jmh.pipe;

import dev.zmqkt.Message;
import dev.zmqkt.internal.pipe.Pipe;
import dev.zmqkt.jmh.EngineShape;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.Control;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throughput of one {@link Pipe} between two threads, a writer and a reader running at the same time (JMH
 * groups): the time per message each side sees, including the cache-line traffic between the two cores.
 *
 * <p>{@code spsc}: the writer offers one message at a time, the reader polls one at a time. {@code spscBatch}:
 * the writer hands over {@link EngineShape#BATCH} messages per {@code offerAll} (as the engine delivers a read),
 * the reader polls them one at a time (as a socket receives); results are per message.
 *
 * <p>The pipe's high-water mark is {@code hwm}: 1000 is the default, 100000 shows what a deeper queue buys. The
 * writer runs into a full pipe whenever it is ahead and the reader into an empty one whenever it is behind. Both
 * then spin ({@link Thread#onSpinWait}) and retry, where a socket or engine would sleep until its listener wakes
 * it: the spinning is part of what is measured, and the listeners (which only count here) still fire on each
 * full/empty transition. Each side gives up when JMH ends the iteration, so neither can spin forever once the
 * other has stopped. The pipe is new for every iteration.
 *
 * <p>The two threads need two cores at once. When other work shares the cores, one side often runs while the
 * other is descheduled: it moves at most {@code hwm} messages and then spins out its time slice, so the time per
 * message measures the scheduler more than the pipe (microseconds instead of nanoseconds at hwm 1000).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PipeSpscBenchmark {
    @Param({"1000", "100000"})
    public int hwm;

    private Pipe pipe;
    private final Message message = Message.of(new byte[10]);
    private final List<Message> batch = new ArrayList<>(EngineShape.BATCH);

    /** Listener calls, each counted only by the thread that makes it. */
    private long readerWakeups;
    private long writerWakeups;

    @Setup(Level.Iteration)
    public void setUp() {
        pipe = new Pipe(hwm, false);
        pipe.setReaderListener(p -> readerWakeups++); // called by the writer
        pipe.setWriterListener(p -> writerWakeups++); // called by the reader
        batch.clear();
        for (int i = 0; i < EngineShape.BATCH; i++) batch.add(message);
    }

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public void write(Control control) {
        Pipe pipe = this.pipe;
        while (pipe.offer(message, false) != Pipe.ACCEPTED) {
            if (control.stopMeasurement) return;
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public Message read(Control control) {
        Pipe pipe = this.pipe;
        Message m;
        while ((m = pipe.poll()) == null) {
            if (control.stopMeasurement) return null;
            Thread.onSpinWait();
        }
        return m;
    }

    @Benchmark
    @Group("spscBatch")
    @GroupThreads(1)
    @OperationsPerInvocation(EngineShape.BATCH)
    public void writeBatch(Control control) {
        Pipe pipe = this.pipe;
        int from = 0;
        while (true) {
            from += pipe.offerAll(batch, from);
            if (from >= EngineShape.BATCH || control.stopMeasurement) return;
            Thread.onSpinWait();
        }
    }

    @Benchmark
    @Group("spscBatch")
    @GroupThreads(1)
    @OperationsPerInvocation(EngineShape.BATCH)
    public void readBatch(Control control, Blackhole blackhole) {
        Pipe pipe = this.pipe;
        for (int i = 0; i < EngineShape.BATCH; i++) {
            Message m;
            while ((m = pipe.poll()) == null) {
                if (control.stopMeasurement) return;
                Thread.onSpinWait();
            }
            blackhole.consume(m);
        }
    }
}
