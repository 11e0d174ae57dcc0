package dev.zmqkt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** The Java face of closing with a linger, options by name, bindToRandomPort and monitorSocket. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaOptionsAndClosingTest {
    private static String deadEndpoint() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void closeWithLingerZeroEndsABlockedClose() throws Exception {
        Context context = new Context();
        Socket push = context.socket(SocketType.PUSH);
        push.connect(deadEndpoint());
        push.sendBlocking(Message.of("never delivered"));
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(context::close); // infinite linger
        while (!context.isClosed()) Thread.onSpinWait(); // the first close has begun
        assertFalse(blocked.isDone());
        context.close(Duration.ZERO);
        blocked.get(10, TimeUnit.SECONDS);
    }

    @Test
    void socketCloseWithLingerAndTerminateAsync() throws Exception {
        Context context = new Context();
        Socket push = context.socket(SocketType.PUSH);
        push.connect(deadEndpoint());
        push.sendBlocking(Message.of("x"));
        push.close(Duration.ofMillis(50));
        assertTrue(push.isClosed());
        assertThrows(SocketClosedException.class, () -> push.setLinger(Duration.ZERO));
        context.terminateAsync(Duration.ofMillis(50)).get(10, TimeUnit.SECONDS);
        assertThrows(IllegalArgumentException.class, () -> context.close(Duration.ofMillis(-1)));
    }

    @Test
    void optionsByNameAndBooleanGetters() {
        try (Context context = new Context()) {
            Socket dealer = context.socket(SocketType.DEALER);
            dealer.setLinger(Duration.ZERO);
            dealer.setOption("SNDHWM", 10);
            assertEquals(10, dealer.getSendHighWaterMark());
            dealer.setOption("ZMQ_RCVTIMEO", "250");
            assertEquals(Duration.ofMillis(250), dealer.getOption("rcvtimeo"));
            dealer.setOption("ROUTING_ID", "java");
            assertArrayEquals("java".getBytes(), (byte[]) dealer.getOption("ROUTING_ID"));
            dealer.setOption("IMMEDIATE", true);
            assertTrue(dealer.isImmediate());
            dealer.setConflate(true);
            assertTrue(dealer.isConflate());
            InvalidOptionException wrongType = assertThrows(InvalidOptionException.class, () -> dealer.setRouterMandatory(true));
            assertEquals("EINVAL", wrongType.getErrorName());
            assertThrows(InvalidOptionException.class, () -> dealer.setOption("NO_SUCH_OPTION", 1));
            context.getDefaultOptions().setRouterMandatory(true); // the defaults take every option
            assertTrue(context.getDefaultOptions().isRouterMandatory());
        }
    }

    @Test
    void bindToRandomPortAndMonitorSocket() throws Exception {
        try (Context context = new Context()) {
            context.getDefaultOptions().setLinger(Duration.ZERO);
            Socket pull = context.socket(SocketType.PULL);
            Socket monitor = pull.monitorSocket(SocketEventType.LISTENING);
            int port = pull.bindToRandomPort("tcp://127.0.0.1");
            assertTrue(port >= 49152 && port < 65536, "port " + port);
            int inRange = pull.bindToRandomPort("tcp://127.0.0.1", 30000, 31000);
            assertTrue(inRange >= 30000 && inRange < 31000, "port " + inRange);
            SocketEvent listening = SocketEvent.fromMonitorMessage(monitor.receiveBlocking(Duration.ofSeconds(10)));
            assertEquals(SocketEventType.LISTENING, listening.getType());
            assertEquals("tcp://127.0.0.1:" + port, listening.getEndpoint());
            pull.disableMonitor();
            assertTrue(Zmq.has("ipc"));
            assertFalse(Zmq.has("curve"));
            assertEquals("3.1", Zmq.getZmtpVersion());
            assertEquals(4, Zmq.getLibzmqVersion().getMajor());
        }
    }
}
