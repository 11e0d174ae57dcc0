package dev.zmqkt.bench;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * zmq-kt driven from plain Java through its batch futures ({@code sendAllAsync}/{@code receiveAvailableAsync},
 * each joined before the next call): the layout a Java caller with many messages gets its speed from, since a
 * wake-up that crosses threads is paid once per batch instead of once per message. The throughput roles of the
 * other peers: {@code thr-recv|thr-send|inproc-thr endpoint count size}.
 */
public final class JavaBatchFuturePeer {
    private static final int BATCH = 256;

    private JavaBatchFuturePeer() {}

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        String endpoint = args[1];
        long count = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        Context ctx = new Context();
        ctx.getDefaultOptions().setLinger(Duration.ofSeconds(30));
        switch (mode) {
            case "thr-recv": {
                Socket s = ctx.socket(SocketType.PULL);
                s.bind(endpoint);
                System.out.println("ready");
                System.out.flush();
                receive(s, count, size);
                break;
            }
            case "thr-send": {
                Socket s = ctx.socket(SocketType.PUSH);
                s.connect(endpoint);
                send(s, count, payload);
                break;
            }
            case "inproc-thr": {
                Socket pull = ctx.socket(SocketType.PULL);
                pull.bind(endpoint);
                Socket push = ctx.socket(SocketType.PUSH);
                push.connect(endpoint);
                Thread sender = new Thread(() -> send(push, count, payload));
                sender.start();
                receive(pull, count, size);
                sender.join();
                break;
            }
            default:
                throw new IllegalArgumentException("unknown mode " + mode);
        }
        ctx.close();
        System.exit(0);
    }

    private static void send(Socket s, long count, byte[] payload) {
        for (long sent = 0; sent < count; ) {
            int n = (int) Math.min(BATCH, count - sent);
            List<Message> batch = new ArrayList<>(n);
            for (int i = 0; i < n; i++) batch.add(Message.of(payload));
            s.sendAllAsync(batch).join();
            sent += n;
        }
    }

    private static void receive(Socket s, long count, int size) {
        long w = Warmup.count(count, 1);
        long got = 0;
        while (got < w) got += s.receiveAvailableAsync((int) Math.min(BATCH, w - got)).join().size();
        long start = System.nanoTime();
        while (got < count) {
            for (Message m : s.receiveAvailableAsync((int) Math.min(BATCH, count - got)).join()) {
                if (m.get(0).size() != size) throw new IllegalStateException("wrong size");
                got++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
    }
}
