package dev.zmqkt.devices;

import dev.zmqkt.Context;
import dev.zmqkt.Frame;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketClosedException;
import dev.zmqkt.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java face of zmq-devices: the Proxies functions (futures and blocking) and the device classes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaDevicesTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Context context;

    @BeforeEach
    void openContext() {
        context = new Context();
        context.getDefaultOptions().setLinger(Duration.ofMillis(200));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void proxyAsyncMovesMessagesAndEndsWhenASocketCloses() throws Exception {
        Socket frontend = context.socket(SocketType.PULL);
        Socket backend = context.socket(SocketType.PUSH);
        frontend.bind("inproc://java-in");
        backend.bind("inproc://java-out");
        CompletableFuture<Void> running = Proxies.proxyAsync(frontend, backend);
        Socket push = context.socket(SocketType.PUSH);
        push.connect("inproc://java-in");
        Socket pull = context.socket(SocketType.PULL);
        pull.connect("inproc://java-out");
        for (int i = 0; i < 100; i++) push.sendBlocking(Message.of("m" + i, "two"), WAIT);
        for (int i = 0; i < 100; i++) assertEquals(Message.of("m" + i, "two"), pull.receiveBlocking(WAIT));

        frontend.close();
        ExecutionException ended = assertThrows(ExecutionException.class, () -> running.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, ended.getCause());
    }

    @Test
    void oneProxyEndingWithAnErrorLeavesTheOthersRunning() throws Exception {
        Socket failingIn = context.socket(SocketType.PULL);
        Socket failingOut = context.socket(SocketType.PUSH);
        CompletableFuture<Void> failing = Proxies.proxyAsync(failingIn, failingOut);
        failingIn.close();
        assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));

        Socket frontend = context.socket(SocketType.PULL);
        Socket backend = context.socket(SocketType.PUSH);
        frontend.bind("inproc://java-other-in");
        backend.bind("inproc://java-other-out");
        CompletableFuture<Void> running = Proxies.proxyAsync(frontend, backend);
        Socket push = context.socket(SocketType.PUSH);
        push.connect("inproc://java-other-in");
        Socket pull = context.socket(SocketType.PULL);
        pull.connect("inproc://java-other-out");
        push.sendBlocking(Message.of("still moving"), WAIT);
        assertEquals(Message.of("still moving"), pull.receiveBlocking(WAIT));
        assertFalse(running.isDone());
        running.cancel(true);
    }

    @Test
    void cancellingTheFutureStopsTheProxyAndLeavesTheSocketsOpen() throws Exception {
        Socket frontend = context.socket(SocketType.ROUTER);
        Socket backend = context.socket(SocketType.DEALER);
        frontend.bind("inproc://java-cancel-in");
        backend.bind("inproc://java-cancel-out");
        CompletableFuture<Void> running = Proxies.proxyAsync(frontend, backend, null);
        assertTrue(running.cancel(true));
        assertTrue(running.isCancelled());
        assertFalse(frontend.isClosed());
        assertFalse(backend.isClosed());
    }

    @Test
    void steerableProxyFromJava() throws Exception {
        Socket frontend = context.socket(SocketType.PULL);
        Socket backend = context.socket(SocketType.PUSH);
        Socket control = context.socket(SocketType.REP);
        frontend.bind("inproc://java-s-in");
        backend.bind("inproc://java-s-out");
        control.bind("inproc://java-s-ctl");
        CompletableFuture<Void> running = Proxies.proxySteerableAsync(frontend, backend, null, control);
        Socket steer = context.socket(SocketType.REQ);
        steer.connect("inproc://java-s-ctl");
        Socket push = context.socket(SocketType.PUSH);
        push.connect("inproc://java-s-in");
        Socket pull = context.socket(SocketType.PULL);
        pull.connect("inproc://java-s-out");
        push.sendBlocking(Message.of("hello"), WAIT);
        assertEquals(Message.of("hello"), pull.receiveBlocking(WAIT));

        steer.sendBlocking(ProxyCommand.STATISTICS.toMessage(), WAIT);
        ProxyStatistics stats = ProxyStatistics.fromMessage(steer.receiveBlocking(WAIT));
        assertEquals(1, stats.getFrontendMessagesIn());
        assertEquals(5, stats.getBackendBytesOut());
        steer.sendBlocking(ProxyCommand.TERMINATE.toMessage(), WAIT);
        assertEquals(Message.of(Frame.EMPTY), steer.receiveBlocking(WAIT));
        assertNull(running.get(10, TimeUnit.SECONDS));
    }

    @Test
    void proxyBlockingRunsOnTheCallingThreadUntilTheContextEnds() throws Exception {
        Context own = new Context();
        Socket frontend = own.socket(SocketType.XSUB);
        Socket backend = own.socket(SocketType.XPUB);
        frontend.bind("inproc://java-blocking-in");
        backend.bind("inproc://java-blocking-out");
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                Proxies.proxyBlocking(frontend, backend);
            } catch (Throwable t) {
                ended.set(t);
            }
        });
        thread.start();
        own.close();
        thread.join(10_000);
        assertFalse(thread.isAlive());
        assertInstanceOf(dev.zmqkt.ZmqException.class, ended.get());
    }

    @Test
    void aProxyDeviceOnItsThreadInTryWithResources() throws Exception {
        Proxy broker;
        try (Proxy proxy = new Proxy(SocketType.ROUTER, SocketType.DEALER)
                .bindIn("tcp://127.0.0.1:*")
                .bindOut("tcp://127.0.0.1:*")
                .bindMon("inproc://not-read")
                .setOptionIn("LINGER", 0)
                .setOptionOut("LINGER", 0)
                .setOptionMon("LINGER", 0)
                .startThread()) {
            broker = proxy;
            Socket worker = context.socket(SocketType.REP);
            worker.connect(proxy.getBoundOut().get(0));
            Socket client = context.socket(SocketType.REQ);
            client.connect(proxy.getBoundIn().get(0));
            client.sendBlocking(Message.of("ping"), WAIT);
            assertEquals(Message.of("ping"), worker.receiveBlocking(WAIT));
            worker.sendBlocking(Message.of("pong"), WAIT);
            assertEquals(Message.of("pong"), client.receiveBlocking(WAIT));
        }
        assertTrue(broker.isDone());
        assertNull(broker.getFailure());
    }

    @Test
    void futuresStartAndStopADeviceInItsOwnProcess() throws Exception {
        MonitoredQueue queue = new MonitoredQueue(SocketType.PAIR, SocketType.PAIR)
                .bindIn("tcp://127.0.0.1:*")
                .bindOut("tcp://127.0.0.1:*")
                .bindMon("tcp://127.0.0.1:*")
                .startProcessAsync()
                .get(60, TimeUnit.SECONDS);
        Socket alice = context.socket(SocketType.PAIR);
        alice.connect(queue.getBoundIn().get(0));
        Socket bob = context.socket(SocketType.PAIR);
        bob.connect(queue.getBoundOut().get(0));
        alice.sendBlocking(Message.of("hi", "bob"), WAIT);
        assertEquals(Message.of("hi", "bob"), bob.receiveBlocking(WAIT));
        CompletableFuture<Void> ended = queue.joinAsync();
        assertFalse(ended.isDone());
        queue.stopAsync(Duration.ZERO).get(30, TimeUnit.SECONDS);
        assertTrue(queue.isDone());
        assertNull(ended.get(10, TimeUnit.SECONDS));
        assertFalse(ProcessHandle.of(queue.getProcessId()).map(ProcessHandle::isAlive).orElse(false));
    }
}
