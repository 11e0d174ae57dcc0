package dev.zmqkt.auth;

import dev.zmqkt.AddressInUseException;
import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketEvent;
import dev.zmqkt.SocketEventType;
import dev.zmqkt.SocketType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Authenticator as Java code uses it: try-with-resources, certificate directories, future callbacks. */
class JavaAuthenticatorTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private Context context;

    @BeforeEach
    void openContext() {
        context = new Context();
        context.getDefaultOptions().setLinger(Duration.ZERO);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    /** A CURVE REP server with {@code serverKeys}, bound on loopback; returns its endpoint. */
    private static String bindCurveServer(Socket server, CurveKeyPair serverKeys) {
        server.setCurveServer(true);
        server.setCurveSecretKey(serverKeys.secretKeyBytes());
        return server.bind("tcp://127.0.0.1:*");
    }

    private static void curveClient(Socket client, CurveKeyPair serverKeys, CurveKeyPair clientKeys) {
        client.setCurveServerKey(serverKeys.publicKeyBytes());
        client.setCurvePublicKey(clientKeys.publicKeyBytes());
        client.setCurveSecretKey(clientKeys.secretKeyBytes());
    }

    /** Sends a request from {@code client} and returns it as {@code server} received it (with its metadata). */
    private static Message roundTrip(Socket server, Socket client) throws Exception {
        client.sendBlocking(Message.of("hello"), WAIT);
        Message request = server.receiveBlocking(WAIT);
        server.sendBlocking(Message.of("world"), WAIT);
        assertEquals(List.of("world"), client.receiveBlocking(WAIT).toStrings());
        return request;
    }

    /** The next event of {@code monitor} (a monitor PAIR), waiting up to 10 s. */
    private static SocketEvent nextEvent(Socket monitor) throws Exception {
        return SocketEvent.fromMonitorMessage(monitor.receiveBlocking(WAIT));
    }

    @Test
    void aCertificateDirectoryAdmitsItsClientsWithTheirKeyAsUserId(@TempDir Path dir) throws Exception {
        Path publicKeys = Files.createDirectory(dir.resolve("public_keys"));
        CurveKeyPair serverKeys = CurveCertificate.load(CurveCertificate.create(dir, "server").getSecretFile()).keyPair();
        CertificateFiles clientFiles = CurveCertificate.create(dir, "client");
        Files.move(clientFiles.getPublicFile(), publicKeys.resolve("client.key"));
        CurveKeyPair clientKeys = CurveCertificate.load(clientFiles.getSecretFile()).keyPair();

        try (Authenticator auth = new Authenticator(context)) {
            assertSame(context, auth.getContext());
            auth.allow("127.0.0.1");
            auth.configureCurve("*", publicKeys);
            auth.start();
            assertTrue(auth.isRunning());
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                String endpoint = bindCurveServer(server, serverKeys);
                curveClient(client, serverKeys, clientKeys);
                client.connect(endpoint);
                assertEquals(clientKeys.getPublicKey(), roundTrip(server, client).property("User-Id"));
            }

            // A client not in the directory: ZAP refuses it with 400.
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                Socket monitor = server.monitorSocket(SocketEventType.HANDSHAKE_FAILED_AUTH);
                String endpoint = bindCurveServer(server, serverKeys);
                curveClient(client, serverKeys, Curve.keypair());
                client.connect(endpoint);
                SocketEvent refused = nextEvent(monitor);
                assertEquals(SocketEventType.HANDSHAKE_FAILED_AUTH, refused.getType());
                assertEquals(400, refused.getValue());
                server.disableMonitor();
                monitor.close();
            }
        }
        assertFalse(new Authenticator(context).isRunning());
    }

    @Test
    void allowAnyCustomUserIdAndAFutureCallback() throws Exception {
        CurveKeyPair serverKeys = Curve.keypair();
        CurveKeyPair clientKeys = Curve.keypair();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (Authenticator auth = new Authenticator(context, pool)) {
            auth.configureCurve("*", Authenticator.CURVE_ALLOW_ANY);
            auth.setCurveUserId(key -> "java:" + key.substring(0, 4));
            auth.start();
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                String endpoint = bindCurveServer(server, serverKeys);
                curveClient(client, serverKeys, clientKeys);
                client.connect(endpoint);
                assertEquals("java:" + clientKeys.getPublicKey().substring(0, 4), roundTrip(server, client).property("User-Id"));
            }

            CompletableFuture<String> asked = new CompletableFuture<>();
            auth.configureCurveCallback((domain, key) -> {
                asked.complete(domain + " " + key);
                return CompletableFuture.supplyAsync(() -> key.equals(clientKeys.getPublicKey()), pool);
            });
            auth.setCurveUserId(key -> key);
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                String endpoint = bindCurveServer(server, serverKeys);
                curveClient(client, serverKeys, clientKeys);
                client.connect(endpoint);
                assertEquals(clientKeys.getPublicKey(), roundTrip(server, client).property("User-Id"));
            }
            assertEquals("* " + clientKeys.getPublicKey(), asked.get(10, TimeUnit.SECONDS));

            // A callback that returns null: the handler answers 500 and goes on serving.
            auth.configureCurveCallback("*", (domain, key) -> null);
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                Socket monitor = server.monitorSocket(SocketEventType.HANDSHAKE_FAILED_AUTH);
                String endpoint = bindCurveServer(server, serverKeys);
                curveClient(client, serverKeys, clientKeys);
                client.connect(endpoint);
                assertEquals(500, nextEvent(monitor).getValue());
                server.disableMonitor();
                monitor.close();
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void plainPasswordsAddressListsAndLifecycle() throws Exception {
        try (Authenticator auth = new Authenticator(context)) {
            auth.configurePlain(Map.of("admin", "secret"));
            auth.deny("10.0.0.1");
            assertThrows(IllegalArgumentException.class, () -> auth.allow("127.0.0.1"));
            auth.start();
            assertThrows(AddressInUseException.class, () -> new Authenticator(context).start());
            try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
                server.setPlainServer(true);
                client.setPlainUsername("admin");
                client.setPlainPassword("secret");
                client.connect(server.bind("tcp://127.0.0.1:*"));
                assertEquals("admin", roundTrip(server, client).property("User-Id"));
            }
            auth.stop();
            assertFalse(auth.isRunning());
            auth.start();
            assertTrue(auth.isRunning());
        }
        Authenticator closed = new Authenticator(context);
        closed.close();
        assertThrows(IllegalStateException.class, closed::start);
    }
}
