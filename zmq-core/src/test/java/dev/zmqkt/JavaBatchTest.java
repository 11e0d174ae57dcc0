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

/** The batch forms from Java: futures and blocking calls, many messages per call. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaBatchTest extends WithContext {
    private static List<Message> numbered(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) messages.add(Message.of("m" + i, "body"));
        return messages;
    }

    @Test
    void futuresMoveABatchInOrder() throws Exception {
        Socket pull = context.socket(SocketType.PULL);
        Socket push = context.socket(SocketType.PUSH);
        push.connect(pull.bind("tcp://127.0.0.1:*"));

        CompletableFuture<List<Message>> first = pull.receiveAvailableAsync(100);
        List<Message> sent = numbered(5000);
        push.sendAllAsync(sent).get(20, TimeUnit.SECONDS);
        List<Message> received = new ArrayList<>(first.get(20, TimeUnit.SECONDS));
        while (received.size() < sent.size()) {
            received.addAll(pull.receiveAvailableAsync(1000).get(20, TimeUnit.SECONDS));
        }
        assertEquals(sent, received);
    }

    @Test
    void sendAllAsyncTimesOutSayingHowManyWent() throws Exception {
        Socket pull = context.socket(SocketType.PULL);
        pull.setReceiveHighWaterMark(4);
        Socket push = context.socket(SocketType.PUSH);
        push.setSendHighWaterMark(4);
        push.setSendTimeout(Duration.ofMillis(100));
        push.connect(pull.bind("inproc://java-batch"));

        ExecutionException e = assertThrows(ExecutionException.class,
            () -> push.sendAllAsync(numbered(20)).get(10, TimeUnit.SECONDS));
        assertInstanceOf(AgainException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("the first 8 of 20 messages were sent"), e.getCause().getMessage());
        assertEquals(numbered(8), pull.receiveAvailableBlocking(100, Duration.ofSeconds(5)));
        assertEquals(List.of(), pull.tryReceiveAll(10));
        assertThrows(AgainException.class, () -> pull.receiveAvailableBlocking(10, Duration.ofMillis(50)));
    }
}
