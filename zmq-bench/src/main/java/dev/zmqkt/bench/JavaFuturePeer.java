package dev.zmqkt.bench;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketType;

import java.time.Duration;
import java.util.Arrays;

/**
 * zmq-kt driven from plain Java through its {@code CompletableFuture} API ({@code sendAsync}/{@code
 * receiveAsync}, each joined before the next call, as a Java caller without coroutines writes it). The same roles
 * and output as the other peers, so the runner can compare this path with the Kotlin suspending one:
 * {@code thr-recv|thr-send|lat-echo|lat-ping|inproc-thr endpoint count size [type]}.
 */
public final class JavaFuturePeer {
    private JavaFuturePeer() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String endpoint = args[1];
        long count = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        SocketType type = SocketType.valueOf(args.length > 4 ? args[4] : "PAIR");
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        Context ctx = new Context();
        ctx.getDefaultOptions().setLinger(Duration.ofSeconds(30));
        switch (mode) {
            case "thr-recv": {
                Socket s = ctx.socket(SocketType.PULL);
                s.bind(endpoint);
                ready();
                long w = Warmup.count(count, 1);
                for (long i = 0; i < w; i++) s.receiveAsync().join();
                long start = System.nanoTime();
                for (long i = w; i < count; i++) {
                    Message m = s.receiveAsync().join();
                    if (m.get(0).size() != size) throw new IllegalStateException("wrong size");
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
                break;
            }
            case "thr-send": {
                Socket s = ctx.socket(SocketType.PUSH);
                s.connect(endpoint);
                for (long i = 0; i < count; i++) s.sendAsync(Message.of(payload)).join();
                break;
            }
            case "lat-echo": {
                Socket s = ctx.socket(type);
                s.bind(endpoint);
                ready();
                for (long i = 0; i < count; i++) s.sendAsync(s.receiveAsync().join()).join();
                break;
            }
            case "lat-ping": {
                Socket s = ctx.socket(type);
                s.connect(endpoint);
                Message m = Message.of(payload);
                long w = Warmup.count(count, 0);
                for (long i = 0; i < w; i++) {
                    s.sendAsync(m).join();
                    s.receiveAsync().join();
                }
                long start = System.nanoTime();
                for (long i = w; i < count; i++) {
                    s.sendAsync(m).join();
                    s.receiveAsync().join();
                }
                double micros = (System.nanoTime() - start) / 1e3;
                System.out.printf("one_way_us=%.2f%n", micros / (2.0 * (count - w)));
                break;
            }
            case "inproc-thr": {
                Socket pull = ctx.socket(SocketType.PULL);
                pull.bind(endpoint);
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(endpoint);
                Thread sender = new Thread(() -> {
                    for (long i = 0; i < count; i++) push.sendAsync(Message.of(payload)).join();
                });
                sender.start();
                long w = Warmup.count(count, 1);
                for (long i = 0; i < w; i++) pull.receiveAsync().join();
                long start = System.nanoTime();
                for (long i = w; i < count; i++) pull.receiveAsync().join();
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
                sender.join();
                break;
            }
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
        ctx.close();
        System.exit(0);
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }
}
