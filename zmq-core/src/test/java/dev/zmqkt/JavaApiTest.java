package dev.zmqkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Java face of zmq-kt: futures and blocking calls on real sockets over tcp. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaApiTest extends WithContext {
    @Test
    void futuresSendAndReceive() throws Exception {
        Socket pull = context.socket(SocketType.PULL);
        String endpoint = pull.bind("tcp://127.0.0.1:*");
        Socket push = context.socket(SocketType.PUSH);
        push.connect(endpoint);

        CompletableFuture<Message> pending = pull.receiveAsync();
        assertFalse(pending.isDone(), "nothing was sent yet");
        push.sendAsync(Message.of("hello", "java")).get(10, TimeUnit.SECONDS);
        Message received = pending.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("hello", "java"), received.toStrings());
    }

    @Test
    void blockingFormsWithTimeouts() throws Exception {
        Socket a = context.socket(SocketType.PAIR);
        Socket b = context.socket(SocketType.PAIR);
        b.connect(a.bind("tcp://127.0.0.1:*"));
        b.sendBlocking(Message.of("ping"), Duration.ofSeconds(10));
        assertEquals("ping", a.receiveBlocking(Duration.ofSeconds(10)).get(0).decodeToString());
        a.sendBlocking(Message.of(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, b.receiveBlocking(Duration.ofSeconds(10)).first().bytes());

        AgainException timeout = assertThrows(AgainException.class, () -> a.receiveBlocking(Duration.ofMillis(50)));
        assertEquals("EAGAIN", timeout.getErrorName());
    }

    @Test
    void cancellingAReceiveFutureLosesNoMessage() throws Exception {
        Socket pull = context.socket(SocketType.PULL);
        Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));
        int total = 2000;
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                try {
                    push.sendBlocking(Message.of(Integer.toString(i)));
                } catch (InterruptedException e) {
                    throw new RuntimeException(e);
                }
            }
        });
        List<Integer> received = new ArrayList<>();
        while (received.size() < total) {
            CompletableFuture<Message> f = pull.receiveAsync();
            if (received.size() % 2 == 0) f.cancel(false); // every other future is abandoned at once
            if (f.isCancelled()) continue;
            received.add(Integer.parseInt(f.get(10, TimeUnit.SECONDS).get(0).decodeToString()));
        }
        sending.get(10, TimeUnit.SECONDS);
        for (int i = 0; i < total; i++) assertEquals(i, received.get(i));
    }

    @Test
    void failuresArriveAsTypedExceptions() throws Exception {
        Socket push = context.socket(SocketType.PUSH);
        ExecutionException e = assertThrows(ExecutionException.class, () -> push.receiveAsync().get(5, TimeUnit.SECONDS));
        assertInstanceOf(OperationNotSupportedException.class, e.getCause());
        assertThrows(InvalidEndpointException.class, () -> push.bind("tcp://nowhere"));

        Socket pull = context.socket(SocketType.PULL);
        pull.bind("tcp://127.0.0.1:*");
        CompletableFuture<Message> waiting = pull.receiveAsync();
        pull.close();
        ExecutionException closed = assertThrows(ExecutionException.class, () -> waiting.get(5, TimeUnit.SECONDS));
        assertInstanceOf(SocketClosedException.class, closed.getCause());
    }

    @Test
    void optionsAreJavaBeanProperties() {
        Socket s = context.socket(SocketType.PUSH);
        s.setSendHighWaterMark(42);
        s.setReceiveTimeout(Duration.ofMillis(5));
        s.setRoutingId("me".getBytes());
        assertEquals(42, s.getSendHighWaterMark());
        assertEquals(Duration.ofMillis(5), s.getReceiveTimeout());
        assertThrows(InvalidOptionException.class, () -> s.setSendHighWaterMark(-1));
        assertSame(Context.instance(), Context.instance());
    }

    @Test
    void contextTerminatesAsynchronously() throws Exception {
        Context other = new Context();
        Socket s = other.socket(SocketType.PULL);
        s.bind("tcp://127.0.0.1:*");
        other.terminateAsync().get(10, TimeUnit.SECONDS);
        assertTrue(other.isClosed());
        assertThrows(ContextClosedException.class, () -> other.socket(SocketType.PUSH));
    }
}
