package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.bootstrap.cli.Cli;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.postgres.TestDatabase;

/**
 * The built-in text model end to end: written text queued, embedded in the background, found by a
 * paraphrase.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextSearchTest implements TestPropertyProvider {

    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Profiles profiles;

    String member;
    String worker;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.embedding.spaces", "audio:4:external,text:384:text");
        properties.put("stemvault.embedding.worker-delay", "200ms");
        properties.put("stemvault.media.root", MEDIA.toString());
        return properties;
    }

    @BeforeEach
    void seed() throws Exception {
        seed.reset();
        Profile band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        worker = seed.worker("w").bearer();
        seed.source(band, "ab".repeat(32));
        put("groove", "Dark moody groove", "slow heavy bass jam late at night");
        put("pop", "Bright cheerful pop song", "upbeat handclaps and whistling");
        put("speech", "Band meeting", "talking about the tour budget and dates");
    }

    /** This class's own media store, where each take's stem files are put before its stems. */
    static final java.nio.file.Path MEDIA = JobsTest.tempDir();

    void put(String name, String title, String description) throws Exception {
        java.nio.file.Path folder =
                java.nio.file.Files.createDirectories(MEDIA.resolve("band").resolve(name));
        java.nio.file.Files.writeString(folder.resolve("vocals.opus"), "stem");
        java.nio.file.Files.writeString(folder.resolve("vocals.png"), "waveform");
        String body =
                "{\"display_name\":\""
                        + title
                        + "\",\"description\":\""
                        + description
                        + "\",\"audio_file_sha256\":\""
                        + "ab".repeat(32)
                        + "\",\"stems\":[{\"stem_type\":\"vocals\",\"measured_lufs\":null,\"peak_amplitude\":0.5,\"stem_gain_adjustment_db\":0,\"audio_url\":\"vocals.opus\",\"waveform_url\":\"vocals.png\",\"file_size_bytes\":1,\"duration_seconds\":1}]}";
        HttpResponse<String> r = send("PUT", "/api/profiles/band/recordings/" + name, worker, body);
        assertEquals(201, r.statusCode(), r.body());
    }

    HttpResponse<String> send(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static int count(String sql) throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    void awaitQueueEmpty() throws Exception {
        for (int i = 0; i < 300 && count("SELECT count(*) FROM embedding_jobs") > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(
                0,
                count("SELECT count(*) FROM embedding_jobs"),
                "the background worker drained the queue");
    }

    @Test
    void a_paraphrase_finds_the_recording_by_its_meaning() throws Exception {
        awaitQueueEmpty();
        assertEquals(3, count("SELECT count(*) FROM embeddings WHERE space = 'text'"));

        HttpResponse<String> found =
                send(
                        "POST",
                        "/api/search",
                        member,
                        "{\"mode\":\"semantic\",\"space\":\"text\",\"query\":\"a gloomy slow rhythm with deep bass\",\"limit\":3}");

        assertEquals(200, found.statusCode(), found.body());
        assertTrue(
                found.body().startsWith("{\"results\":[{\"file\":{\"name\":\"groove\""),
                found.body());
        HttpResponse<String> hybrid =
                send(
                        "POST",
                        "/api/search",
                        member,
                        "{\"mode\":\"hybrid\",\"space\":\"text\",\"query\":\"tour budget\",\"limit\":3}");
        assertTrue(
                hybrid.body().startsWith("{\"results\":[{\"file\":{\"name\":\"speech\""),
                hybrid.body());
    }

    @Test
    void a_rename_is_queued_with_the_change_and_re_embedded() throws Exception {
        awaitQueueEmpty();
        assertEquals(
                200,
                send(
                                "PATCH",
                                "/api/profiles/band/files/pop",
                                member,
                                "{\"description\":\"a funeral dirge for a rainy night\"}")
                        .statusCode());
        awaitQueueEmpty();
        HttpResponse<String> found =
                send(
                        "POST",
                        "/api/search",
                        member,
                        "{\"mode\":\"semantic\",\"space\":\"text\",\"query\":\"sad slow mourning music\",\"limit\":1}");
        assertTrue(found.body().contains("\"name\":\"pop\""), found.body());
    }

    @Test
    void backfill_recomputes_a_whole_text_space() throws Exception {
        awaitQueueEmpty();
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM embeddings WHERE space = 'text'");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Object> properties = new HashMap<>(getProperties());
        int exit =
                Cli.run(
                        List.of("backfill-embeddings", "--space", "text"),
                        properties,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        System.err);
        assertEquals(0, exit, out.toString(StandardCharsets.UTF_8));
        assertEquals(3, count("SELECT count(*) FROM embeddings WHERE space = 'text'"));
    }
}
