package dev.zmqkt.samples;

import dev.zmqkt.auth.CurveCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaCurveServerTest {
    @Test
    void admitsTheClientsOfItsDirectoryByNameAndRefusesAStranger(@TempDir Path certs) throws Exception {
        JavaCurveServer.createCertificates(certs, List.of("alice", "bob"));
        assertEquals(2, CurveCertificate.loadDirectory(certs.resolve("clients")).size());
        JavaCurveServer.Outcome outcome = JavaCurveServer.run(certs, List.of("alice", "bob"));
        assertEquals(List.of("welcome, alice", "welcome, bob"), outcome.replies());
        assertEquals(400, outcome.strangerRefusedWith());
    }
}
