package dev.zmqkt.samples;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** zmq-kt from Java: blocking calls and CompletableFutures over tcp. */
public final class JavaPushPull {
    private JavaPushPull() {}

    /** Sends {@code count} messages PUSH to PULL and returns the sum of the numbers received. */
    public static long run(int count) throws Exception {
        try (Context context = new Context()) {
            context.getDefaultOptions().setLinger(Duration.ofSeconds(1));
            Socket pull = context.socket(SocketType.PULL);
            String endpoint = pull.bind("tcp://127.0.0.1:*");
            Socket push = context.socket(SocketType.PUSH);
            push.connect(endpoint);

            // Futures: start the first receive before anything is sent.
            CompletableFuture<Message> first = pull.receiveAsync();
            push.sendAsync(Message.of("0")).get(10, TimeUnit.SECONDS);
            long sum = Long.parseLong(first.get(10, TimeUnit.SECONDS).get(0).decodeToString());

            // Blocking calls with timeouts.
            for (int i = 1; i < count; i++) push.sendBlocking(Message.of(Integer.toString(i)), Duration.ofSeconds(10));
            for (int i = 1; i < count; i++) sum += Long.parseLong(pull.receiveBlocking(Duration.ofSeconds(10)).get(0).decodeToString());
            return sum;
        }
    }

    public static void main(String[] args) throws Exception {
        int count = 10_000;
        System.out.println("sum of 0.." + (count - 1) + " sent PUSH to PULL over tcp: " + run(count));
    }
}
