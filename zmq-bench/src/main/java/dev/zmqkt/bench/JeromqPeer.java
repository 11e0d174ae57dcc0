package dev.zmqkt.bench;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.util.Arrays;

/**
 * JeroMQ side of the benchmark, the same roles and output as the C peer (bench_peer.c):
 * {@code thr-recv|thr-send|lat-echo|lat-ping endpoint count size [type]}.
 */
public final class JeromqPeer {
    private JeromqPeer() {}

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: JeromqPeer thr-recv|thr-send|lat-echo|lat-ping endpoint count size [type]");
            System.exit(2);
        }
        String mode = args[0];
        String endpoint = args[1];
        long count = Long.parseLong(args[2]);
        int size = Integer.parseInt(args[3]);
        String fifth = args.length > 4 ? args[4] : "PAIR";
        if (mode.equals("proxy")) {
            proxy(endpoint, fifth);
            System.exit(0);
        }
        if (mode.equals("fan-pub") || mode.equals("fan-sub")) {
            fan(mode, endpoint, count, size, Integer.parseInt(fifth));
            System.exit(0);
        }
        SocketType type = SocketType.valueOf(fifth);
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        try (ZContext ctx = new ZContext()) {
            switch (mode) {
                case "thr-recv": {
                    ZMQ.Socket s = ctx.createSocket(SocketType.PULL);
                    s.bind(endpoint);
                    ready();
                    long w = Warmup.count(count, 1);
                    for (long i = 0; i < w; i++) s.recv();
                    long start = System.nanoTime();
                    for (long i = w; i < count; i++) {
                        byte[] m = s.recv();
                        if (m.length != size) throw new IllegalStateException("wrong size " + m.length);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
                    break;
                }
                case "thr-send": {
                    ZMQ.Socket s = ctx.createSocket(SocketType.PUSH);
                    s.setLinger(30_000);
                    s.connect(endpoint);
                    for (long i = 0; i < count; i++) s.send(payload, 0);
                    break;
                }
                case "lat-echo": {
                    ZMQ.Socket s = ctx.createSocket(type);
                    s.bind(endpoint);
                    ready();
                    for (long i = 0; i < count; i++) s.send(s.recv(), 0);
                    break;
                }
                case "lat-ping": {
                    ZMQ.Socket s = ctx.createSocket(type);
                    s.connect(endpoint);
                    long w = Warmup.count(count, 0);
                    for (long i = 0; i < w; i++) {
                        s.send(payload, 0);
                        s.recv();
                    }
                    long start = System.nanoTime();
                    for (long i = w; i < count; i++) {
                        s.send(payload, 0);
                        s.recv();
                    }
                    double micros = (System.nanoTime() - start) / 1e3;
                    System.out.printf("one_way_us=%.2f%n", micros / (2.0 * (count - w)));
                    break;
                }
                case "inproc-thr": {
                    ZMQ.Socket pull = ctx.createSocket(SocketType.PULL);
                    pull.bind(endpoint);
                    Thread sender = new Thread(() -> {
                        ZMQ.Socket push = ctx.createSocket(SocketType.PUSH);
                        push.connect(endpoint);
                        for (long i = 0; i < count; i++) push.send(payload, 0);
                    });
                    sender.start();
                    long w = Warmup.count(count, 1);
                    for (long i = 0; i < w; i++) pull.recv();
                    long start = System.nanoTime();
                    for (long i = w; i < count; i++) pull.recv();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
                    joinQuietly(sender);
                    break;
                }
                case "inproc-lat": {
                    ZMQ.Socket s = ctx.createSocket(type);
                    s.bind(endpoint);
                    SocketType echoType = type == SocketType.REQ ? SocketType.REP : type;
                    Thread echo = new Thread(() -> {
                        ZMQ.Socket e = ctx.createSocket(echoType);
                        e.connect(endpoint);
                        for (long i = 0; i < count; i++) e.send(e.recv(), 0);
                    });
                    echo.start();
                    long w = Warmup.count(count, 0);
                    for (long i = 0; i < w; i++) {
                        s.send(payload, 0);
                        s.recv();
                    }
                    long start = System.nanoTime();
                    for (long i = w; i < count; i++) {
                        s.send(payload, 0);
                        s.recv();
                    }
                    double micros = (System.nanoTime() - start) / 1e3;
                    System.out.printf("one_way_us=%.2f%n", micros / (2.0 * (count - w)));
                    joinQuietly(echo);
                    break;
                }
                default:
                    throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
        System.exit(0);
    }

    /** The fan-out roles: an XPUB (verbose, no-drop) publisher, or {@code subs} SUB sockets on one poller. */
    private static void fan(String mode, String endpoint, long count, int size, int subs) {
        byte[] payload = new byte[size];
        Arrays.fill(payload, (byte) 'x');
        try (ZContext ctx = new ZContext()) {
            if (mode.equals("fan-pub")) {
                ZMQ.Socket xpub = ctx.createSocket(SocketType.XPUB);
                xpub.setXpubVerbose(true);
                xpub.setXpubNoDrop(true);
                xpub.setLinger(30_000);
                xpub.bind(endpoint);
                ready();
                for (int i = 0; i < subs; i++) xpub.recv();
                for (long i = 0; i < count; i++) {
                    while (!xpub.send(payload, 0)) Thread.onSpinWait(); // no-drop: a subscriber is full
                }
            } else {
                ZMQ.Socket[] socks = new ZMQ.Socket[subs];
                ZMQ.Poller poller = ctx.createPoller(subs);
                for (int i = 0; i < subs; i++) {
                    socks[i] = ctx.createSocket(SocketType.SUB);
                    socks[i].subscribe(new byte[0]);
                    socks[i].connect(endpoint);
                    poller.register(socks[i], ZMQ.Poller.POLLIN);
                }
                long[] got = new long[subs];
                int done = 0;
                long total = 0;
                long w = Warmup.count(count, 1);
                long start = 0;
                while (done < subs) {
                    poller.poll(-1);
                    for (int i = 0; i < subs; i++) {
                        if (!poller.pollin(i) || got[i] == count) continue;
                        while (got[i] < count && socks[i].recv(ZMQ.DONTWAIT) != null) {
                            if (++total == w * subs) start = System.nanoTime();
                            if (++got[i] == count) done++;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                System.out.printf("msgs_per_s=%.0f%n", (count - w) / seconds);
            }
        }
    }

    /** The proxy role: a PULL frontend bound at {@code endpoint}, a PUSH backend connected to {@code backend}. */
    private static void proxy(String endpoint, String backend) {
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket front = ctx.createSocket(SocketType.PULL);
            ZMQ.Socket back = ctx.createSocket(SocketType.PUSH);
            front.bind(endpoint);
            back.connect(backend);
            ready();
            ZMQ.proxy(front, back, null); // until the runner ends the process
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void ready() {
        System.out.println("ready");
        System.out.flush();
    }
}
