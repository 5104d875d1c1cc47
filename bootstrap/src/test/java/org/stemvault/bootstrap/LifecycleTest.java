package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * The real main in a child JVM, logging JSON: SIGTERM while slow uploads are in flight and reads
 * keep coming. Readiness goes down (or the port stops answering) at once, every request already in
 * flight finishes with its normal answer, and the process ends well within its grace period. Every
 * line it logged is a JSON object, request lines carry their request id, and none names the token
 * or the member's email.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleTest implements TestPropertyProvider {

    static final Path MEDIA = JobsTest.tempDir();
    final int port = Api.freePort();

    @Inject Seed seed;
    @Inject JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    /** A body that arrives over about {@code millis} ms, in small pieces. */
    static InputStream slowly(byte[] body, long millis) {
        int pieces = 10;
        int piece = Math.max(1, body.length / pieces);
        return new ByteArrayInputStream(body) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                try {
                    Thread.sleep(millis / pieces);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.read(b, off, Math.min(len, piece));
            }
        };
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void sigterm_under_load_loses_no_in_flight_request_and_logs_json() throws Exception {
        String member = seed.reset().memberOf(seed.profile("band"), "member@example.com");
        Path log = MEDIA.resolve("service.log");
        Process service =
                ChildService.start(
                        port,
                        log,
                        "STEMVAULT_JWT_SECRET",
                        TestApp.JWT_SECRET,
                        "STEMVAULT_MEDIA_ROOT",
                        MEDIA.toString(),
                        "STEMVAULT_LOG_FORMAT",
                        "json",
                        "STEMVAULT_SHUTDOWN_GRACE",
                        "20s");
        List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            byte[] upload = // four different takes (the same one twice is one job)
                    Api.multipart("take.wav", LegacyFixture.wav(1, 8000 + i))
                            .getBytes(StandardCharsets.ISO_8859_1);
            inFlight.add(
                    Api.HTTP.sendAsync(
                            HttpRequest.newBuilder(URI.create(url("/api/upload/band")))
                                    .header("Authorization", "Bearer " + member)
                                    .header("Content-Type", Api.MULTIPART)
                                    .header("X-Request-Id", "upload-" + i)
                                    .POST(
                                            HttpRequest.BodyPublishers.ofInputStream(
                                                    () -> slowly(upload, 3000)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> files =
                    Api.HTTP.send(
                            HttpRequest.newBuilder(URI.create(url("/api/profiles/band/files")))
                                    .header("Authorization", "Bearer " + member)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, files.statusCode());
        }
        Thread.sleep(500); // the uploads are under way: their bodies take about 3 s
        long signalled = System.nanoTime();
        service.destroy(); // SIGTERM
        Thread.sleep(300);
        int readiness;
        try {
            readiness =
                    Api.HTTP
                            .send(
                                    HttpRequest.newBuilder(URI.create(url("/health/readiness")))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
        } catch (IOException refused) {
            readiness = -1; // no longer taking connections
        }
        assertTrue(readiness != 200, "not ready once asked to stop: " + readiness);

        for (CompletableFuture<HttpResponse<String>> request : inFlight) {
            HttpResponse<String> answer = request.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("\"job_id\""), answer.body());
        }
        assertTrue(service.waitFor(25, TimeUnit.SECONDS), "stopped within the grace period");
        long stoppedAfter = (System.nanoTime() - signalled) / 1_000_000;
        assertTrue(stoppedAfter < 20_000, "stopped after " + stoppedAfter + " ms");
        try (java.sql.Connection c = org.stemvault.postgres.TestDatabase.connect();
                java.sql.ResultSet rs =
                        c.createStatement().executeQuery("SELECT count(*) FROM jobs")) {
            rs.next();
            assertEquals(4, rs.getInt(1), "the four uploads are four queued jobs");
        }

        List<String> lines = Files.readAllLines(log);
        assertFalse(lines.isEmpty());
        int requestLines = 0;
        for (String line : lines) {
            assertTrue(line.startsWith("{") && line.endsWith("}"), "a JSON line: " + line);
            Map<String, Object> event =
                    json.readValue(line, Argument.mapOf(String.class, Object.class));
            assertTrue(event.containsKey("level") && event.containsKey("formattedMessage"), line);
            if ("stemvault.request".equals(event.get("loggerName"))) {
                requestLines++;
                Object mdc = event.get("mdc");
                assertTrue(mdc instanceof Map && ((Map<?, ?>) mdc).containsKey("request_id"), line);
            }
            assertFalse(line.contains(member), "no token in the log");
            assertFalse(line.contains("member@example.com"), "no email in the log");
            assertFalse(line.contains(TestApp.JWT_SECRET), "no secret in the log");
        }
        assertTrue(requestLines >= 24, "a line per request: " + requestLines);
    }
}
