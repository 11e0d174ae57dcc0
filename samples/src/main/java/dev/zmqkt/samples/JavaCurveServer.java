package dev.zmqkt.samples;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketEvent;
import dev.zmqkt.SocketEventType;
import dev.zmqkt.SocketType;
import dev.zmqkt.auth.Authenticator;
import dev.zmqkt.auth.CertificateFiles;
import dev.zmqkt.auth.CurveCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CURVE server guarded by an {@link Authenticator} that lets in the clients whose public certificates are in a
 * directory, as pyzmq's {@code ironhouse.py} does:
 * <pre>
 * certs/server.key, certs/server.key_secret     the server's certificate
 * certs/clients/NAME.key                        the public certificate of each client let in
 * certs/private/NAME.key_secret                 each client's own secret certificate (on the client's machine)
 * </pre>
 * Files in this format come from {@link CurveCertificate#create}, pyzmq's {@code zmq.auth.create_certificates} or
 * czmq's {@code zcert}. Each certificate's {@code name} metadata becomes the User-Id its requests carry.
 */
public final class JavaCurveServer {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private JavaCurveServer() {}

    /** What a run saw: the replies each admitted client got, and the status the stranger was refused with. */
    public record Outcome(List<String> replies, int strangerRefusedWith) {}

    /** Makes {@code certs}' certificates for the server and for {@code clients} (those not there yet). */
    public static void createCertificates(Path certs, List<String> clients) throws Exception {
        Files.createDirectories(certs.resolve("clients"));
        Files.createDirectories(certs.resolve("private"));
        if (!Files.exists(certs.resolve("server.key_secret"))) CurveCertificate.create(certs, "server");
        for (String name : clients) {
            if (Files.exists(certs.resolve("clients").resolve(name + ".key"))) continue;
            CertificateFiles files = CurveCertificate.create(certs.resolve("private"), name, Map.of("name", name));
            Files.move(files.getPublicFile(), certs.resolve("clients").resolve(name + ".key"));
        }
    }

    /**
     * Serves one request from each of {@code clients} (their secret certificates in {@code certs/private}) and
     * shows a client without a certificate in {@code certs/clients} being refused.
     */
    public static Outcome run(Path certs, List<String> clients) throws Exception {
        CurveCertificate server = CurveCertificate.load(certs.resolve("server.key_secret"));
        Map<String, String> names = new HashMap<>();
        for (CurveCertificate admitted : CurveCertificate.loadDirectory(certs.resolve("clients"))) {
            names.put(admitted.getPublicKey(), admitted.getMetadata().getOrDefault("name", admitted.getPublicKey()));
        }

        try (Context context = new Context(); Authenticator auth = new Authenticator(context)) {
            context.getDefaultOptions().setLinger(Duration.ZERO);
            auth.allow("127.0.0.1");
            auth.configureCurve("*", certs.resolve("clients"));
            auth.setCurveUserId(key -> names.getOrDefault(key, key));   // the User-Id: the certificate's name
            auth.start();

            Socket rep = context.socket(SocketType.REP);
            rep.setCurveServer(true);
            rep.setCurveSecretKey(server.secretKeyBytes());
            Socket refusals = rep.monitorSocket(SocketEventType.HANDSHAKE_FAILED_AUTH);
            String endpoint = rep.bind("tcp://127.0.0.1:*");

            List<String> replies = new ArrayList<>();
            for (String name : clients) {
                CurveCertificate me = CurveCertificate.load(certs.resolve("private").resolve(name + ".key_secret"));
                try (Socket req = curveClient(context, server, me, endpoint)) {
                    req.sendBlocking(Message.of("hello"), WAIT);
                    Message request = rep.receiveBlocking(WAIT);
                    rep.sendBlocking(Message.of("welcome, " + request.property("User-Id")), WAIT);
                    replies.add(req.receiveBlocking(WAIT).get(0).decodeToString());
                }
            }

            // A client with a key of its own but no certificate in certs/clients: the Authenticator refuses it.
            CurveCertificate stranger = CurveCertificate.generate(Map.of());
            int status;
            try (Socket req = curveClient(context, server, stranger, endpoint)) {
                SocketEvent refused = SocketEvent.fromMonitorMessage(refusals.receiveBlocking(WAIT));
                status = (int) refused.getValue();
            }
            rep.disableMonitor();
            refusals.close();
            return new Outcome(replies, status);
        }
    }

    private static Socket curveClient(Context context, CurveCertificate server, CurveCertificate me, String endpoint) {
        Socket req = context.socket(SocketType.REQ);
        req.setCurveServerKey(server.publicKeyBytes());
        req.setCurvePublicKey(me.publicKeyBytes());
        req.setCurveSecretKey(me.secretKeyBytes());
        req.connect(endpoint);
        return req;
    }

    /** Usage: {@code JavaCurveServer [certificate directory]} (a new temporary one by default). */
    public static void main(String[] args) throws Exception {
        Path certs = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("zmq-kt-certs");
        List<String> clients = List.of("alice", "bob");
        createCertificates(certs, clients);
        Outcome outcome = run(certs, clients);
        outcome.replies().forEach(System.out::println);
        System.out.println("a client without a certificate in " + certs.resolve("clients") + ": refused with " + outcome.strangerRefusedWith());
    }
}
