package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * A 100 MB upload to a service whose heap is capped at 96 MB: it can only succeed if the file is
 * streamed to the store, never held whole. The service runs in a child JVM; the test's own side
 * generates the bytes as they are sent.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadStreamingTest implements TestPropertyProvider {

    static final long PAYLOAD = 100L * 1024 * 1024;

    @Inject Seed seed;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    /** A stream of {@code length} zero bytes, made as it is read. */
    static InputStream zeros(long length) {
        return new InputStream() {
            long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 0 : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) 0);
                left -= n;
                return n;
            }
        };
    }

    @Test
    void a_100_mb_upload_streams_through_a_96_mb_heap() throws Exception {
        String member = seed.reset().memberOf(seed.profile("band"), "member@example.com");
        Path media = Files.createTempDirectory("stemvault-streaming");
        int port = Api.freePort();
        ProcessBuilder builder =
                new ProcessBuilder(
                                ChildJvm.command(
                                        List.of("-Xmx96m", "-XX:+ExitOnOutOfMemoryError"),
                                        Application.class.getName()))
                        .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("STEMVAULT_") || k.startsWith("MICRONAUT_"));
        env.putAll(
                StartupFailureTest.withTestDatabase(
                        "STEMVAULT_JWT_SECRET",
                        TestApp.JWT_SECRET,
                        "STEMVAULT_MEDIA_ROOT",
                        media.toString(),
                        "STEMVAULT_EMBEDDING_SPACES",
                        "audio:4:external",
                        "PORT",
                        String.valueOf(port)));
        env.putAll(TestOidc.environment());
        builder.redirectOutput(media.resolve("service.log").toFile());
        Process service = builder.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + port);
            boolean up = false;
            for (int i = 0; i < 120 && !up && service.isAlive(); i++) {
                Thread.sleep(250);
                try {
                    up =
                            Api.HTTP
                                            .send(
                                                    HttpRequest.newBuilder(base.resolve("/health"))
                                                            .build(),
                                                    HttpResponse.BodyHandlers.discarding())
                                            .statusCode()
                                    == 200;
                } catch (java.io.IOException notYet) {
                    // still starting
                }
            }
            assertTrue(
                    up, "the service started: " + Files.readString(media.resolve("service.log")));
            byte[] header = java.util.Arrays.copyOf(LegacyFixture.wav(0.01, 8000), 44);
            String boundary = "stemvault-test-boundary";
            byte[] head =
                    ("--"
                                    + boundary
                                    + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"big.wav\""
                                    + "\r\nContent-Type: audio/wav\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            long length = head.length + header.length + PAYLOAD + tail.length;
            List<InputStream> parts =
                    new ArrayList<>(
                            List.of(
                                    new ByteArrayInputStream(head),
                                    new ByteArrayInputStream(header),
                                    zeros(PAYLOAD),
                                    new ByteArrayInputStream(tail)));
            HttpResponse<String> answer =
                    Api.HTTP.send(
                            HttpRequest.newBuilder(base.resolve("/api/upload/band"))
                                    .timeout(Duration.ofMinutes(2))
                                    .header("Authorization", "Bearer " + member)
                                    .header(
                                            "Content-Type",
                                            "multipart/form-data; boundary=" + boundary)
                                    .POST(
                                            HttpRequest.BodyPublishers.fromPublisher(
                                                    HttpRequest.BodyPublishers.ofInputStream(
                                                            () ->
                                                                    new SequenceInputStream(
                                                                            Collections.enumeration(
                                                                                    parts))),
                                                    length))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(
                    200,
                    answer.statusCode(),
                    answer.body() + "\n" + Files.readString(media.resolve("service.log")));
            assertTrue(answer.body().contains("\"status\":\"processing\""), answer.body());
            try (var stored = Files.list(media.resolve("inputs/band"))) {
                assertEquals(
                        List.of(header.length + PAYLOAD),
                        stored.filter(p -> p.toString().endsWith(".wav"))
                                .map(p -> p.toFile().length())
                                .toList(),
                        "the whole file is in the store");
            }
            assertTrue(service.isAlive(), "the service did not run out of memory");
        } finally {
            service.destroy();
            service.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
