package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.postgres.TestDatabase;

/** The worker's ingest over HTTP: idempotent, one transaction per write, strict about its input. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestTest implements TestPropertyProvider {

    static final String HASH = "ab".repeat(32);
    static final Instant T0 = Instant.parse("2025-10-30T05:41:36Z");

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Workers workers;
    @Inject Profiles profiles;

    String worker;
    String member;
    String admin;

    /** This class's own media store: the stems it registers are put here first. */
    static final Path MEDIA = JobsTest.tempDir();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(TestApp.properties());
        properties.put("stemvault.media.root", MEDIA.toString());
        return properties;
    }

    /** Puts the files a worker would have put before registering take-1's stems. */
    static void putStemFiles(String recording, String... files) throws IOException {
        Path folder = Files.createDirectories(MEDIA.resolve("band").resolve(recording));
        for (String file : files) {
            Files.writeString(folder.resolve(file), "stem");
        }
    }

    @BeforeEach
    void seed() throws IOException {
        try (var old = Files.walk(MEDIA)) {
            old.sorted(java.util.Comparator.reverseOrder())
                    .filter(p -> !p.equals(MEDIA))
                    .forEach(p -> p.toFile().delete());
        }
        for (String type : List.of("vocals", "drums", "bass", "other", "boom")) {
            putStemFiles("take-1", type + ".opus", type + "_waveform.png");
        }
        putStemFiles("take-1", "vocals.png");
        seed.reset();
        seed.profile("band");
        seed.profile("attic");
        worker = seed.worker("scanner").bearer();
        member = seed.token(seed.user("member@example.com"));
        admin = seed.token(seed.admin("admin@example.com"));
    }

    HttpResponse<String> call(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static String audioBody(String filename) {
        return "{\"filename\":\""
                + filename
                + "\",\"storage_url\":\"s3://bucket/"
                + filename
                + "\","
                + "\"file_size_bytes\":1234,\"duration_seconds\":184.3}";
    }

    static String stem(String type, String lufs) {
        return "{\"stem_type\":\""
                + type
                + "\",\"measured_lufs\":"
                + lufs
                + ",\"peak_amplitude\":0.93,"
                + "\"stem_gain_adjustment_db\":4.2,\"audio_url\":\""
                + type
                + ".opus\",\"waveform_url\":\""
                + type
                + "_waveform.png\",\"file_size_bytes\":1234567,\"duration_seconds\":184.3}";
    }

    static String recordingBody(String... stems) {
        return "{\"display_name\":\"Tuesday jam\",\"audio_file_sha256\":\""
                + HASH
                + "\",\"stems\":["
                + String.join(",", stems)
                + "]}";
    }

    static List<String> rows(String query) throws SQLException {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    static List<String> snapshot() throws SQLException {
        List<String> all = new ArrayList<>(rows("SELECT * FROM audio_files ORDER BY id"));
        all.addAll(rows("SELECT * FROM recordings ORDER BY id"));
        all.addAll(rows("SELECT * FROM stems ORDER BY recording_id, stem_type"));
        return all;
    }

    void registerAudio() throws Exception {
        assertEquals(
                201,
                call("PUT", "/api/profiles/band/audio-files/" + HASH, worker, audioBody("take.wav"))
                        .statusCode());
    }

    @Test
    void an_audio_file_is_created_once_found_by_hash_and_refused_to_another_profile()
            throws Exception {
        assertEquals(404, call("GET", "/api/audio-files/" + HASH, worker, null).statusCode());
        HttpResponse<String> created =
                call(
                        "PUT",
                        "/api/profiles/band/audio-files/" + HASH,
                        worker,
                        audioBody("take.wav"));
        assertEquals(201, created.statusCode(), created.body());
        List<String> before = snapshot();

        assertEquals(
                200,
                call(
                                "PUT",
                                "/api/profiles/band/audio-files/" + HASH.toUpperCase(),
                                worker,
                                audioBody("take.wav"))
                        .statusCode());
        assertEquals(before, snapshot(), "the same registration again changes nothing");
        HttpResponse<String> found = call("GET", "/api/audio-files/" + HASH, worker, null);
        assertEquals(200, found.statusCode());
        assertTrue(found.body().contains("\"sha256\":\"" + HASH + "\""), found.body());

        assertEquals(
                409,
                call(
                                "PUT",
                                "/api/profiles/attic/audio-files/" + HASH,
                                worker,
                                audioBody("take.wav"))
                        .statusCode());
        assertEquals(
                409,
                call(
                                "PUT",
                                "/api/profiles/band/audio-files/" + HASH,
                                worker,
                                audioBody("other.wav"))
                        .statusCode());
        assertEquals(before, snapshot());
    }

    @Test
    void a_recording_put_twice_is_created_then_unchanged() throws Exception {
        registerAudio();
        String body = recordingBody(stem("vocals", "-18.2"), stem("other", "null"));
        HttpResponse<String> created =
                call("PUT", "/api/profiles/band/recordings/take-1", worker, body);
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(
                created.body().startsWith("{\"name\":\"take-1\",\"display_name\":\"Tuesday jam\""),
                created.body());
        List<String> before = snapshot();

        HttpResponse<String> again =
                call("PUT", "/api/profiles/band/recordings/take-1", worker, body);

        assertEquals(200, again.statusCode());
        assertEquals(created.body(), again.body());
        assertEquals(before, snapshot(), "the same request again changes no row");
    }

    @Test
    void a_recording_put_replaces_all_its_stems() throws Exception {
        registerAudio();
        call(
                "PUT",
                "/api/profiles/band/recordings/take-1",
                worker,
                recordingBody(stem("vocals", "-18"), stem("drums", "-12")));
        HttpResponse<String> replaced =
                call(
                        "PUT",
                        "/api/profiles/band/recordings/take-1",
                        worker,
                        recordingBody(stem("bass", "-14")));
        assertEquals(200, replaced.statusCode());
        assertEquals(List.of("bass|"), rows("SELECT stem_type FROM stems"));
    }

    @Test
    void a_failure_half_way_through_a_recording_put_leaves_the_previous_state_intact()
            throws Exception {
        registerAudio();
        call(
                "PUT",
                "/api/profiles/band/recordings/take-1",
                worker,
                recordingBody(stem("vocals", "-18"), stem("drums", "-12")));
        List<String> before = snapshot();
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute(
                    "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                            + " RAISE EXCEPTION 'disk full, say'; END $$");
            s.execute(
                    "CREATE TRIGGER boom BEFORE INSERT ON stems FOR EACH ROW WHEN (NEW.stem_type = 'boom')"
                            + " EXECUTE FUNCTION boom()");
        }
        try {
            HttpResponse<String> failed =
                    call(
                            "PUT",
                            "/api/profiles/band/recordings/take-1",
                            worker,
                            "{\"display_name\":\"Renamed\",\"audio_file_sha256\":\""
                                    + HASH
                                    + "\",\"stems\":["
                                    + stem("bass", "-1")
                                    + ","
                                    + stem("boom", "-1")
                                    + "]}");
            assertEquals(500, failed.statusCode());
            assertTrue(
                    failed.body().contains("\"status\":500")
                            && !failed.body().contains("disk full"),
                    failed.body());
            assertEquals(
                    before,
                    snapshot(),
                    "neither the new name, nor the dropped stems, nor the new stem");
        } finally {
            try (Connection c = TestDatabase.connect();
                    Statement s = c.createStatement()) {
                s.execute("DROP TRIGGER boom ON stems");
                s.execute("DROP FUNCTION boom()");
            }
        }
    }

    @Test
    void bad_input_is_400_naming_the_field_and_writes_nothing() throws Exception {
        registerAudio();
        List<String> before = snapshot();
        Map<String, String> cases =
                Map.ofEntries(
                        Map.entry(
                                recordingBody(stem("vocals", "\"loud\"")),
                                "stems[0].measured_lufs"),
                        Map.entry(
                                recordingBody(stem("vocals", "-1").replace("1234567", "-5")),
                                "stems[0].file_size_bytes"),
                        Map.entry(
                                recordingBody(
                                        stem("vocals", "-1")
                                                .replace(
                                                        "\"duration_seconds\":184.3",
                                                        "\"duration_seconds\":0")),
                                "stems[0].duration_seconds"),
                        Map.entry(recordingBody(stem("Vocals!", "-1")), "stems[0].stem_type"),
                        Map.entry(
                                recordingBody(
                                        stem("vocals", "-1")
                                                .replace("vocals.opus", "../../etc/passwd")),
                                "stems[0].audio_url"),
                        Map.entry(
                                recordingBody(
                                        stem("vocals", "-1").replace("vocals.opus", "/etc/passwd")),
                                "stems[0].audio_url"),
                        Map.entry(
                                recordingBody(stem("vocals", "-1"), stem("vocals", "-2")), "stems"),
                        Map.entry("{\"audio_file_sha256\":\"" + HASH + "\"}", "stems"),
                        Map.entry("{\"stems\":[]}", "audio_file_sha256"),
                        Map.entry(
                                "{\"audio_file_sha256\":\""
                                        + "cd".repeat(32)
                                        + "\",\"stems\":[{\"stem_type\":\"vocals\",\"measured_lufs\":null,\"peak_amplitude\":0.5,\"stem_gain_adjustment_db\":0,\"audio_url\":\"vocals.opus\",\"waveform_url\":\"vocals.png\",\"file_size_bytes\":1,\"duration_seconds\":1}]}",
                                "audio_file_sha256"),
                        Map.entry("{\"audio_file_sha256\":\"" + HASH + "\",\"stems\":[]}", "stems"),
                        Map.entry("[1,2]", "body"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> refused =
                    call("PUT", "/api/profiles/band/recordings/take-1", worker, c.getKey());
            assertEquals(400, refused.statusCode(), c.getKey() + " -> " + refused.body());
            assertTrue(
                    refused.body()
                            .contains(
                                    "\"field\":\""
                                            + c.getValue().replace("[", "[").replace("]", "]")
                                            + "\""),
                    c.getKey() + " -> " + refused.body());
        }
        HttpResponse<String> nan =
                call(
                        "PUT",
                        "/api/profiles/band/recordings/take-1",
                        worker,
                        recordingBody(stem("vocals", "NaN")));
        assertEquals(400, nan.statusCode(), "NaN is not JSON: " + nan.body());
        HttpResponse<String> separator =
                call(
                        "PUT",
                        "/api/profiles/band/recordings/a%5Cb",
                        worker,
                        recordingBody(stem("vocals", "-1")));
        assertEquals(400, separator.statusCode(), separator.body());
        assertTrue(separator.body().contains("\"field\":\"output_name\""), separator.body());
        assertEquals(
                400,
                call("PUT", "/api/profiles/band/audio-files/not-a-hash", worker, audioBody("x.wav"))
                        .statusCode());
        assertEquals(
                400,
                call(
                                "PUT",
                                "/api/profiles/band/audio-files/" + "ef".repeat(32),
                                worker,
                                audioBody("x.wav").replace("184.3", "\"long\""))
                        .statusCode());
        assertEquals(before, snapshot());
    }

    @Test
    void a_recording_is_registered_only_with_its_files_in_the_store_as_a_completion_is()
            throws Exception {
        registerAudio();
        List<String> before = snapshot();
        Files.delete(MEDIA.resolve("band/take-1/drums_waveform.png"));
        HttpResponse<String> refused =
                call(
                        "PUT",
                        "/api/profiles/band/recordings/take-1",
                        worker,
                        recordingBody(stem("vocals", "-18"), stem("drums", "-12")));
        assertEquals(400, refused.statusCode(), refused.body());
        assertTrue(
                refused.body().contains("\"field\":\"stems[1].waveform_url\"")
                        && refused.body()
                                .contains(
                                        "names drums_waveform.png, which is not in the media"
                                                + " store: put it first"),
                refused.body());
        HttpResponse<String> elsewhere =
                call(
                        "PUT",
                        "/api/profiles/band/recordings/take-2",
                        worker,
                        recordingBody(stem("vocals", "-18")));
        assertEquals(400, elsewhere.statusCode(), "take-1's files are not take-2's");
        assertTrue(elsewhere.body().contains("\"field\":\"stems[0].audio_url\""), elsewhere.body());
        assertEquals(before, snapshot(), "nothing registered");

        putStemFiles("take-1", "drums_waveform.png");
        assertEquals(
                201,
                call(
                                "PUT",
                                "/api/profiles/band/recordings/take-1",
                                worker,
                                recordingBody(stem("vocals", "-18"), stem("drums", "-12")))
                        .statusCode());
    }

    @Test
    void a_body_over_the_limit_is_413() throws Exception {
        String huge =
                recordingBody(stem("vocals", "-1")).replace("Tuesday jam", "x".repeat(2_000_000));
        assertEquals(
                413,
                call("PUT", "/api/profiles/band/recordings/take-1", worker, huge).statusCode());
    }

    @Test
    void members_may_not_ingest_admins_may_and_anonymous_callers_are_401() throws Exception {
        assertEquals(
                403,
                call("PUT", "/api/profiles/band/audio-files/" + HASH, member, audioBody("a.wav"))
                        .statusCode());
        assertEquals(
                201,
                call("PUT", "/api/profiles/band/audio-files/" + HASH, admin, audioBody("a.wav"))
                        .statusCode());
        assertEquals(401, call("GET", "/api/audio-files/" + HASH, null, null).statusCode());
        assertEquals(403, call("GET", "/api/audio-files/" + HASH, member, null).statusCode());
    }

    @Test
    void a_worker_cannot_read_the_member_library_and_a_revoked_token_stops_at_once()
            throws Exception {
        assertEquals(403, call("GET", "/api/profiles", worker, null).statusCode());
        assertEquals(403, call("GET", "/api/profiles/band/files", worker, null).statusCode());

        Workers.Minted minted = workers.mint("temporary", Duration.ofDays(1));
        assertEquals(
                404, call("GET", "/api/audio-files/" + HASH, minted.bearer(), null).statusCode());
        workers.revoke(minted.token().id());
        assertEquals(
                401, call("GET", "/api/audio-files/" + HASH, minted.bearer(), null).statusCode());
    }
}
