package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.postgres.TestDatabase;

/**
 * The text model chosen by configuration (an OpenAI-compatible endpoint, here an HTTP server on
 * loopback that fails once), and the queue's retry: the failure is recorded, the job comes back,
 * the vector lands.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextModelRetryTest implements TestPropertyProvider {

    static final AtomicInteger CALLS = new AtomicInteger();
    static final HttpServer ENDPOINT = endpoint();

    @Inject EmbeddedServer server;
    @Inject Profiles profiles;
    @Inject AudioFiles audioFiles;
    @Inject Workers workers;

    static HttpServer endpoint() {
        try {
            HttpServer http =
                    HttpServer.create(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext(
                    "/v1/embeddings",
                    exchange -> {
                        exchange.getRequestBody().readAllBytes();
                        boolean fail = CALLS.incrementAndGet() == 1;
                        byte[] body =
                                (fail
                                                ? "{\"error\":\"overloaded\"}"
                                                : "{\"data\":[{\"embedding\":[0.1,0.2,0.3]}]}")
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.sendResponseHeaders(fail ? 503 : 200, body.length);
                        exchange.getResponseBody().write(body);
                        exchange.close();
                    });
            http.start();
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    void stopEndpoint() {
        ENDPOINT.stop(0);
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.embedding.spaces", "notes:3:text");
        properties.put("stemvault.embedding.worker-delay", "200ms");
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.text-model.kind", "openai");
        properties.put(
                "stemvault.text-model.openai.base-url",
                "http://127.0.0.1:" + ENDPOINT.getAddress().getPort() + "/v1");
        return properties;
    }

    /** This class's own media store, where the take's stem files are put before its stems. */
    static final java.nio.file.Path MEDIA = JobsTest.tempDir();

    static String one(String sql) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void a_failed_embedding_is_recorded_and_retried_until_it_lands() throws Exception {
        TestDatabase.truncateAll();
        Profile band =
                profiles.create(
                        Profile.create(new ProfileName("band"), "/src", null, Instant.EPOCH));
        audioFiles.registerIfAbsent(
                new AudioFile(
                        AudioFileId.random(),
                        band.id(),
                        new Sha256("cd".repeat(32)),
                        "s.wav",
                        null,
                        1L,
                        1.0,
                        Instant.EPOCH));
        String worker = workers.mint("w", Duration.ofDays(1)).bearer();
        java.nio.file.Path folder =
                java.nio.file.Files.createDirectories(MEDIA.resolve("band/take-1"));
        java.nio.file.Files.writeString(folder.resolve("vocals.opus"), "stem");
        java.nio.file.Files.writeString(folder.resolve("vocals.png"), "waveform");
        HttpResponse<String> put =
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(
                                                        server.getURL()
                                                                + "/api/profiles/band/recordings/take-1"))
                                        .PUT(
                                                HttpRequest.BodyPublishers.ofString(
                                                        "{\"display_name\":\"Tuesday jam\",\"audio_file_sha256\":\""
                                                                + "cd".repeat(32)
                                                                + "\",\"stems\":[{\"stem_type\":\"vocals\",\"measured_lufs\":null,\"peak_amplitude\":0.5,\"stem_gain_adjustment_db\":0,\"audio_url\":\"vocals.opus\",\"waveform_url\":\"vocals.png\",\"file_size_bytes\":1,\"duration_seconds\":1}]}"))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + worker)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());

        String error = null;
        for (int i = 0; i < 100 && error == null; i++) {
            Thread.sleep(100);
            error = one("SELECT last_error FROM embedding_jobs WHERE space = 'notes'");
        }
        assertTrue(
                error != null && error.contains("503"),
                "the failure is kept with the job: " + error);

        String stored = null;
        for (int i = 0; i < 200 && stored == null; i++) {
            Thread.sleep(100);
            stored = one("SELECT embedding::text FROM embeddings WHERE space = 'notes'");
        }
        assertEquals("[0.1,0.2,0.3]", stored);
        assertEquals(null, one("SELECT 1 FROM embedding_jobs"));
        assertTrue(CALLS.get() >= 2);
    }
}
