package dev.zmqkt.samples;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketType;
import dev.zmqkt.devices.Device;
import dev.zmqkt.devices.Proxies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * zmq-devices from Java: the zguide's request-reply broker ({@code Proxies.proxyAsync} between a ROUTER and a
 * DEALER) and its pub-sub forwarder (a {@code Device} between an XSUB and an XPUB on a thread of its own, closed
 * by try-with-resources), each with its peers. The marked parts are the README's.
 */
public final class JavaDevices {
    private JavaDevices() {}

    /** Runs both and returns the lines printed. */
    public static List<String> run() throws Exception {
        List<String> printed = new ArrayList<>();
        Duration timeout = Duration.ofSeconds(10);
        try (Context ctx = new Context()) {
            ctx.getDefaultOptions().setLinger(Duration.ofSeconds(1));
            // readme:java-broker
            // A broker: REQ clients connect to its ROUTER, REP workers to its DEALER.
            Socket frontend = ctx.socket(SocketType.ROUTER);
            Socket backend = ctx.socket(SocketType.DEALER);
            String clients = frontend.bind("tcp://127.0.0.1:*");
            String workers = backend.bind("tcp://127.0.0.1:*");
            CompletableFuture<Void> broker = Proxies.proxyAsync(frontend, backend);   // cancel() stops it
            // (Proxies.proxyBlocking(frontend, backend) runs it on this thread instead, like zmq_proxy.)

            Socket worker = ctx.socket(SocketType.REP);
            worker.connect(workers);
            Socket client = ctx.socket(SocketType.REQ);
            client.connect(clients);
            client.sendBlocking(Message.of("broker"), timeout);
            Message request = worker.receiveBlocking(timeout);
            worker.sendBlocking(Message.of("hello, " + request.get(0).decodeToString()), timeout);
            printed.add(client.receiveBlocking(timeout).get(0).decodeToString());   // hello, broker
            broker.cancel(true);
            // readme:end

            // readme:java-forwarder
            // A forwarder on a thread of its own: publishers connect to its XSUB, subscribers to its XPUB.
            try (Device forwarder = new Device(SocketType.XSUB, SocketType.XPUB)
                    .bindIn("tcp://127.0.0.1:*")
                    .bindOut("tcp://127.0.0.1:*")
                    .startThread()) {                                   // or startProcess()
                Socket publisher = ctx.socket(SocketType.XPUB);
                publisher.connect(forwarder.getBoundIn().get(0));
                Socket subscriber = ctx.socket(SocketType.SUB);
                subscriber.subscribe("weather");
                subscriber.connect(forwarder.getBoundOut().get(0));
                publisher.receiveBlocking(timeout);                     // the subscription, through the forwarder
                publisher.sendBlocking(Message.of("weather", "sunny"), timeout);
                printed.add(subscriber.receiveBlocking(timeout).toStrings().toString());   // [weather, sunny]
            }
            // readme:end
        }
        printed.forEach(System.out::println);
        return printed;
    }

    public static void main(String[] args) throws Exception {
        run();
    }
}
