package dev.zmqkt.auth.examples;

import dev.zmqkt.Context;
import dev.zmqkt.Message;
import dev.zmqkt.Socket;
import dev.zmqkt.SocketType;
import dev.zmqkt.auth.Authenticator;
import dev.zmqkt.auth.CertificateFiles;
import dev.zmqkt.auth.CurveCertificate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** README's Java CURVE example (between the README markers), run by AuthExamplesRunTest. */
public final class ReadmeCurveJavaExample {
    private ReadmeCurveJavaExample() {}

    public static void main(String[] args) throws Exception {
        // README begin
        Path certs = Files.createTempDirectory("certs");
        Path clients = Files.createDirectory(certs.resolve("clients"));  // public certificates of the clients let in
        CurveCertificate server = CurveCertificate.load(CurveCertificate.create(certs, "server").getSecretFile());
        CertificateFiles clientFiles = CurveCertificate.create(certs, "client");
        Files.copy(clientFiles.getPublicFile(), clients.resolve("client.key"));
        CurveCertificate client = CurveCertificate.load(clientFiles.getSecretFile());

        try (Context context = new Context(); Authenticator auth = new Authenticator(context)) {
            auth.allow("127.0.0.1");
            auth.configureCurve("*", clients);       // or Authenticator.CURVE_ALLOW_ANY
            Set<String> opsKeys = Set.of(client.getPublicKey());  // sockets with zapDomain "ops" ask a callback
            auth.configureCurveCallback("ops", (domain, key) -> CompletableFuture.supplyAsync(() -> opsKeys.contains(key)));
            auth.start();                            // runs on the context's dispatcher; close() stops it

            Socket rep = context.socket(SocketType.REP);
            rep.setCurveServer(true);
            rep.setCurveSecretKey(server.secretKeyBytes());
            Socket req = context.socket(SocketType.REQ);
            req.setCurveServerKey(server.publicKeyBytes());
            req.setCurvePublicKey(client.publicKeyBytes());
            req.setCurveSecretKey(client.secretKeyBytes());
            req.connect(rep.bind("tcp://127.0.0.1:*"));

            req.sendBlocking(Message.of("hello"), Duration.ofSeconds(5));
            Message request = rep.receiveBlocking(Duration.ofSeconds(5));
            boolean fromClient = client.getPublicKey().equals(request.property("User-Id"));  // true
            rep.sendBlocking(Message.of("welcome"), Duration.ofSeconds(5));
            System.out.println(request.toStrings() + " from client: " + fromClient + ", reply " + req.receiveBlocking(Duration.ofSeconds(5)).toStrings());
        }
        // README end
    }
}
