package dev.zmqkt.auth;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CURVE keys, certificates and a CURVE connection, as Java code uses them. */
class JavaCurveTest {
    private Context context;

    @BeforeEach
    void openContext() {
        context = new Context();
        context.getDefaultOptions().setLinger(Duration.ofMillis(200));
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    void keyPairsInBothForms() {
        CurveKeyPair pair = Curve.keypair();
        assertEquals(40, pair.getPublicKey().length());
        assertEquals(pair.getPublicKey(), Curve.publicKey(pair.getSecretKey()));
        assertArrayEquals(pair.publicKeyBytes(), Curve.publicKey(pair.secretKeyBytes()));
        assertArrayEquals(pair.publicKeyBytes(), Curve.keyBytes(pair.getPublicKey()));
        assertThrows(IllegalArgumentException.class, () -> Curve.publicKey("short"));
    }

    @Test
    void certificatesCreateLoadAndListADirectory(@TempDir Path dir) throws Exception {
        CertificateFiles files = CurveCertificate.create(dir, "server", Map.of("name", "java"));
        CurveCertificate secret = CurveCertificate.load(files.getSecretFile());
        CurveCertificate pub = CurveCertificate.load(files.getPublicFile());
        assertTrue(secret.hasSecretKey());
        assertFalse(pub.hasSecretKey());
        assertEquals(secret.getPublicKey(), pub.getPublicKey());
        assertEquals("java", secret.getMetadata().get("name"));
        List<CurveCertificate> all = CurveCertificate.loadDirectory(dir);
        assertEquals(List.of(secret.getPublicKey()), all.stream().map(CurveCertificate::getPublicKey).toList());

        Path bad = Files.writeString(dir.resolve("bad.key"), "curve\n    public-key = \"nope\"\n");
        CertificateException e = assertThrows(CertificateException.class, () -> CurveCertificate.load(bad));
        assertEquals(bad, e.getFile());
    }

    @Test
    void aCurveServerAndClientTalk() throws Exception {
        CurveKeyPair serverKeys = Curve.keypair();
        CurveKeyPair clientKeys = Curve.keypair();
        try (Socket server = context.socket(SocketType.REP); Socket client = context.socket(SocketType.REQ)) {
            server.setCurveServer(true);
            server.setCurveSecretKey(serverKeys.secretKeyBytes());
            String endpoint = server.bind("tcp://127.0.0.1:*");
            client.setCurveServerKey(serverKeys.publicKeyBytes());
            client.setCurvePublicKey(clientKeys.publicKeyBytes());
            client.setCurveSecretKey(clientKeys.secretKeyBytes());
            client.connect(endpoint);
            client.sendBlocking(Message.of("hello"), Duration.ofSeconds(10));
            assertEquals(List.of("hello"), server.receiveAsync().get(10, java.util.concurrent.TimeUnit.SECONDS).toStrings());
            server.sendBlocking(Message.of("world"), Duration.ofSeconds(10));
            assertEquals(List.of("world"), client.receiveAsync().get(10, java.util.concurrent.TimeUnit.SECONDS).toStrings());
        }
    }
}
