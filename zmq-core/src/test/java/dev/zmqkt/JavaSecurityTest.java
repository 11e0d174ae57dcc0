package dev.zmqkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Java face of PLAIN, ZAP and connection metadata: options, a ZAP handler written in Java, Message.property. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaSecurityTest extends WithContext {

    /** A ZAP handler in plain Java: a REP socket on inproc://zeromq.zap.01, answering one request on its own thread. */
    private CompletableFuture<List<String>> answerOneZapRequest(Socket handler) {
        return handler.receiveAsync().thenApply(request -> {
            List<String> fields = request.toStrings();
            boolean ok = fields.get(5).equals("PLAIN") && fields.get(6).equals("admin") && fields.get(7).equals("secret");
            handler.sendAsync(ok
                ? Message.of(fields.get(0), fields.get(1), "200", "OK", "admin", "")
                : Message.of(fields.get(0), fields.get(1), "400", "No", "", ""));
            return fields;
        });
    }

    @Test
    void plainRoundTripWithAJavaZapHandler() throws Exception {
        Socket handler = context.socket(SocketType.REP);
        handler.bind("inproc://zeromq.zap.01");
        CompletableFuture<List<String>> zap = answerOneZapRequest(handler);

        Socket server = context.socket(SocketType.DEALER);
        server.setPlainServer(true);
        server.setZapDomain("global");
        assertTrue(server.isPlainServer());
        assertEquals(SecurityMechanism.PLAIN, server.getMechanism());
        String endpoint = server.bind("tcp://127.0.0.1:*");

        Socket client = context.socket(SocketType.DEALER);
        client.setPlainUsername("admin");
        client.setPlainPassword("secret");
        client.setMetadata(Map.of("X-Client", "java"));
        client.connect(endpoint);
        client.sendBlocking(Message.of("hello"));

        Message received = server.receiveBlocking(Duration.ofSeconds(10));
        assertEquals("hello", received.get(0).decodeToString());
        assertEquals("admin", received.property("User-Id"));
        assertEquals("127.0.0.1", received.property(Metadata.PEER_ADDRESS));
        assertEquals("java", received.getMetadata().get("X-Client"));
        assertEquals("DEALER", received.getMetadata().toMap().get("Socket-Type"));
        assertNull(received.property("X-Missing"));
        assertEquals("global", zap.get(10, TimeUnit.SECONDS).get(2));
    }

    @Test
    void optionsByNameAndTheirErrors() {
        Socket socket = context.socket(SocketType.DEALER);
        socket.setOption("PLAIN_SERVER", 1);
        assertEquals(SecurityMechanism.PLAIN, socket.getOption("MECHANISM"));
        socket.setOption("ZMQ_PLAIN_USERNAME", "user");
        assertFalse(socket.isPlainServer());
        assertEquals("user", socket.getPlainUsername());
        socket.setZapEnforceDomain(true);
        assertTrue(socket.isZapEnforceDomain());
        assertThrows(InvalidOptionException.class, () -> socket.setPlainPassword(""));
        assertThrows(InvalidOptionException.class, () -> socket.setOption("MECHANISM", 0));
        // zmq-core alone has no CURVE: zmq-auth brings it
        assertThrows(MechanismUnavailableException.class, () -> socket.setCurveServer(true));
        assertThrows(InvalidOptionException.class, () -> socket.setCurveServerKey(new byte[31]));
        assertEquals(Metadata.EMPTY, Message.of("x").getMetadata());
        assertEquals(0, Message.of("x").getMetadata().size());
    }
}
