package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.postgres.TestDatabase;

/**
 * The backup and restore drill of docs/operations.md, run as written: scripts/backup.sh against the
 * running instance's database and media, scripts/restore.sh into a fresh database and a new media
 * folder, a second instance started on them answers the files list byte for byte, and its media.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreTest implements TestPropertyProvider {

    static final Path MEDIA = JobsTest.tempDir();
    static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.media.root", MEDIA.toString());
        return properties;
    }

    /** The test database's JDBC URL with another database name. */
    static String otherDatabase(String url, String name) {
        Matcher m = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$").matcher(url);
        assertTrue(m.matches(), "a JDBC URL: " + url);
        return m.group(1) + name + m.group(3);
    }

    static String run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    static HttpResponse<byte[]> get(URI base, String path, String token) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(base.resolve(path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void a_running_instance_backed_up_and_restored_into_a_fresh_database_answers_the_same()
            throws Exception {
        seed.reset();
        Profile band = seed.profile("band");
        String member = seed.memberOf(band, "member@example.com");
        Recording take =
                seed.take(
                        band,
                        "take-1",
                        "Tuesday jam",
                        "the long one",
                        seed.source(band, "ab".repeat(32)),
                        0,
                        List.of(Seed.stem("vocals", -18.0), Seed.stem("drums", null)));
        Label song = seed.label(band, LabelKind.SONG, "Blue Song");
        seed.clip(take, song, 1, 5);
        Path folder = Files.createDirectories(MEDIA.resolve("band/take-1"));
        byte[] audio = {1, 2, 3, 4, 5};
        for (String file :
                List.of("vocals.opus", "vocals_waveform.png", "drums.opus", "drums_waveform.png")) {
            Files.write(folder.resolve(file), audio);
        }
        URI original = server.getURI();
        HttpResponse<byte[]> files = get(original, "/api/profiles/band/files", member);
        assertEquals(200, files.statusCode());
        HttpResponse<byte[]> clips = get(original, "/api/profiles/band/clips", member);
        assertEquals(200, clips.statusCode());

        Path backup = JobsTest.tempDir().resolve("backup");
        run(
                Map.of(
                        "DATABASE_URL", TestDatabase.url(),
                        "STEMVAULT_MEDIA_ROOT", MEDIA.toString()),
                "bash",
                SCRIPTS.resolve("backup.sh").toString(),
                backup.toString());
        assertTrue(Files.size(backup.resolve("stemvault.dump")) > 0);

        String name = "stemvault_restore_" + UUID.randomUUID().toString().substring(0, 8);
        String restoredUrl = otherDatabase(TestDatabase.url(), name);
        Path restoredMedia = JobsTest.tempDir().resolve("media");
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try {
            run(
                    Map.of(
                            "DATABASE_URL",
                            restoredUrl,
                            "STEMVAULT_MEDIA_ROOT",
                            restoredMedia.toString()),
                    "bash",
                    SCRIPTS.resolve("restore.sh").toString(),
                    backup.toString());
            Map<String, Object> properties = new HashMap<>(getProperties());
            properties.put("datasources.default.url", restoredUrl);
            properties.put("stemvault.media.root", restoredMedia.toString());
            properties.put("micronaut.server.port", "-1");
            try (EmbeddedServer restored =
                    ApplicationContext.run(EmbeddedServer.class, properties)) {
                URI again = restored.getURI();
                HttpResponse<byte[]> filesAgain = get(again, "/api/profiles/band/files", member);
                assertEquals(200, filesAgain.statusCode(), "the session came along too");
                assertArrayEquals(files.body(), filesAgain.body(), "the files list, byte for byte");
                assertEquals(
                        files.headers().firstValue("ETag"),
                        filesAgain.headers().firstValue("ETag"));
                assertArrayEquals(
                        clips.body(), get(again, "/api/profiles/band/clips", member).body());
                HttpResponse<byte[]> stem = get(again, "/media/band/take-1/vocals.opus", member);
                assertEquals(200, stem.statusCode());
                assertArrayEquals(audio, stem.body(), "the media came along");
            }
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
