package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stemvault.postgres.TestDatabase;

/**
 * The start-up check of the identity provider reads the discovery document the OAuth client already
 * read, instead of fetching it a second time (issue 33: one HTTP client fewer on every start). The
 * refusal when it does not answer is in {@link StartupFailureTest}.
 */
class IdentityProviderCheckTest {

    @Test
    void a_start_reads_the_discovery_document_once(@TempDir Path media) throws Exception {
        // what other tests left (vectors of other spaces) would stop the start
        TestDatabase.truncateAll();
        String path = "/.well-known/openid-configuration";
        byte[] document =
                Api.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create(TestOidc.issuer() + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body();
        AtomicInteger reads = new AtomicInteger();
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext(
                "/google" + path,
                exchange -> {
                    reads.incrementAndGet();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, document.length);
                    exchange.getResponseBody().write(document);
                    exchange.close();
                });
        provider.start();
        Path log = media.resolve("service.log");
        Process service = null;
        try {
            service =
                    ChildService.start(
                            Api.freePort(),
                            log,
                            "STEMVAULT_JWT_SECRET",
                            TestApp.JWT_SECRET,
                            "STEMVAULT_MEDIA_ROOT",
                            media.toString(),
                            "GOOGLE_ISSUER",
                            "http://127.0.0.1:" + provider.getAddress().getPort() + "/google");
            assertEquals(1, reads.get(), Files.readString(log));
        } finally {
            if (service != null) {
                service.destroy();
                service.waitFor();
            }
            provider.stop(0);
        }
    }
}
