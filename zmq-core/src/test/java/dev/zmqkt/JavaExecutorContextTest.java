package dev.zmqkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** A context on a plain {@link Executor}, as a Java application brings one: no coroutine dispatcher needed. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaExecutorContextTest {

    @Test
    void connectionWorkRunsOnTheGivenExecutorWhichTheContextDoesNotShutDown() throws Exception {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
            Thread t = new Thread(task, "app-pool-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger tasks = new AtomicInteger();
        Executor counting = task -> {
            tasks.incrementAndGet();
            pool.execute(task);
        };
        try {
            try (Context context = new Context(counting)) {
                context.getDefaultOptions().setLinger(Duration.ofMillis(200));
                Socket pull = context.socket(SocketType.PULL);
                Socket push = context.socket(SocketType.PUSH);
                push.connect(pull.bind("tcp://127.0.0.1:*"));

                push.sendAsync(Message.of("over", "tcp")).get(10, TimeUnit.SECONDS);
                assertEquals(List.of("over", "tcp"), pull.receiveBlocking(Duration.ofSeconds(10)).toStrings());
            }
            assertTrue(tasks.get() > 0, "the connections' work ran on the executor");
            assertFalse(pool.isShutdown(), "the executor belongs to the caller");
        } finally {
            pool.shutdownNow();
        }
    }
}
