package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;

/**
 * Clips over HTTP: within their recording, of a song of the same profile, changed by PATCH (absent
 * stays, null clears), every take of a song with its stems in one statement, and the sections a
 * worker found becoming clips.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClipsTest implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject StatementCounter counter;
    @Inject org.stemvault.domain.analysis.Analyses analyses;

    String member;
    String worker;
    Profile band;
    Recording take;
    Label intro;

    @Override
    public Map<String, String> getProperties() {
        return StatementCounter.on();
    }

    @BeforeEach
    void world() {
        seed.reset();
        band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        worker = seed.worker("gpu").bearer();
        take = seed.take(band, "take-1", 0, Seed.stem("vocals", -20.0), Seed.stem("drums", -18.0));
        intro = seed.label(band, LabelKind.SONG, "Intro");
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return Api.call(server, method, path, member, json);
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    String clips() {
        return "/api/recordings/" + take.id() + "/clips";
    }

    @Test
    void a_clip_lies_within_its_recording_and_its_song_is_of_the_same_profile() throws Exception {
        HttpResponse<String> made =
                call(
                        "POST",
                        clips(),
                        "{\"start_seconds\":10,\"end_seconds\":42.5,\"song_id\":\""
                                + intro.id()
                                + "\",\"display_name\":\" Verse \"}");
        assertEquals(201, made.statusCode(), made.body());
        JsonNode clip = json(made);
        assertEquals(10.0, clip.path("start_seconds").asDouble());
        assertEquals(42.5, clip.path("end_seconds").asDouble());
        assertEquals(intro.id().toString(), clip.path("song_id").asText());
        assertEquals("Verse", clip.path("display_name").asText());
        assertEquals(take.id().toString(), clip.path("recording_id").asText());

        Profile elsewhere = seed.profile("elsewhere");
        String theirs = seed.label(elsewhere, LabelKind.SONG, "Theirs").id().toString();
        Map<String, String> refused =
                Map.of(
                        "{\"start_seconds\":10,\"end_seconds\":184.4}",
                        "end_seconds",
                        "{\"start_seconds\":10,\"end_seconds\":10}",
                        "end_seconds",
                        "{\"start_seconds\":-1,\"end_seconds\":10}",
                        "start_seconds",
                        "{\"end_seconds\":10}",
                        "start_seconds",
                        "{\"start_seconds\":\"1\",\"end_seconds\":10}",
                        "start_seconds",
                        "{\"start_seconds\":1,\"end_seconds\":10,\"song_id\":\"" + theirs + "\"}",
                        "song_id",
                        "{\"start_seconds\":1,\"end_seconds\":10,\"display_name\":\"  \"}",
                        "display_name");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> r = call("POST", clips(), bad.getKey());
            assertEquals(400, r.statusCode(), bad.getKey());
            assertTrue(
                    r.body().contains("\"field\":\"" + bad.getValue() + "\""),
                    bad.getKey() + " " + r.body());
        }
        assertEquals(1, json(call("GET", clips(), null)).size(), "nothing half-written");
    }

    @Test
    void the_newest_clients_bound_names_are_canonical_and_a_refusal_names_what_was_sent()
            throws Exception {
        HttpResponse<String> made =
                call(
                        "POST",
                        clips(),
                        "{\"recording_id\":\""
                                + take.id()
                                + "\",\"start_time_sec\":1.5,\"end_time_sec\":3}");
        assertEquals(201, made.statusCode(), made.body());
        assertEquals(1.5, json(made).path("start_time_sec").asDouble());
        assertEquals(3.0, json(made).path("end_time_sec").asDouble());
        assertEquals(1.5, json(made).path("start_seconds").asDouble(), "the old names too");
        Map<String, String> refused =
                Map.of(
                        "{\"start_time_sec\":10,\"end_time_sec\":10}",
                        "end_time_sec",
                        "{\"end_time_sec\":10}",
                        "start_time_sec",
                        "{\"start_time_sec\":1,\"start_seconds\":1,\"end_time_sec\":2}",
                        "start_seconds",
                        "{\"recording_id\":\"00000000-0000-4000-8000-000000000000\","
                                + "\"start_time_sec\":1,\"end_time_sec\":2}",
                        "recording_id",
                        "{\"recording_id\":7,\"start_time_sec\":1,\"end_time_sec\":2}",
                        "recording_id");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            HttpResponse<String> r = call("POST", clips(), bad.getKey());
            assertEquals(400, r.statusCode(), bad.getKey());
            assertTrue(
                    r.body().contains("\"field\":\"" + bad.getValue() + "\""),
                    bad.getKey() + " " + r.body());
        }
        assertEquals(1, json(call("GET", clips(), null)).size(), "nothing half-written");
        String id = json(made).path("id").asText();
        HttpResponse<String> moved = call("PATCH", "/api/clips/" + id, "{\"end_time_sec\":4.25}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals(4.25, json(moved).path("end_time_sec").asDouble());
        JsonNode take = json(call("GET", "/api/clips/" + id, null));
        assertEquals(4.25, take.path("end_time_sec").asDouble());
        assertTrue(take.path("stems").isArray() && take.path("stems").size() > 0, take.toString());
        assertTrue(take.path("song").isNull(), take.toString());
        assertEquals(
                take.at("/recording/name").asText(), take.path("recording_output_name").asText());
    }

    @Test
    void a_patch_keeps_what_is_absent_and_clears_what_is_null() throws Exception {
        String id =
                json(call(
                                "POST",
                                clips(),
                                "{\"start_seconds\":10,\"end_seconds\":40,\"song_id\":\""
                                        + intro.id()
                                        + "\",\"display_name\":\"Verse\"}"))
                        .path("id")
                        .asText();
        JsonNode moved = json(call("PATCH", "/api/clips/" + id, "{\"end_seconds\":50}"));
        assertEquals(10.0, moved.path("start_seconds").asDouble());
        assertEquals(50.0, moved.path("end_seconds").asDouble());
        assertEquals("Verse", moved.path("display_name").asText());
        assertEquals(intro.id().toString(), moved.path("song_id").asText());
        JsonNode cleared =
                json(call("PATCH", "/api/clips/" + id, "{\"song_id\":null,\"display_name\":null}"));
        assertTrue(cleared.path("song_id").isNull());
        assertTrue(cleared.path("display_name").isNull());
        HttpResponse<String> inverted = call("PATCH", "/api/clips/" + id, "{\"start_seconds\":60}");
        assertEquals(400, inverted.statusCode());
        assertTrue(inverted.body().contains("\"field\":\"end_seconds\""), inverted.body());
        assertEquals(
                400, call("PATCH", "/api/clips/" + id, "{\"start_seconds\":null}").statusCode());
        assertEquals(
                10.0,
                json(call("GET", "/api/clips/" + id, null)).path("start_seconds").asDouble(),
                "unchanged");
        assertEquals(204, call("DELETE", "/api/clips/" + id, null).statusCode());
        assertEquals(404, call("GET", "/api/clips/" + id, null).statusCode());
    }

    @Test
    void every_take_of_a_song_comes_with_its_stems_in_one_statement() throws Exception {
        Recording later = seed.take(band, "take-2", 60, Seed.stem("vocals", -21.0));
        seed.clip(take, intro, 5, 25);
        seed.clip(later, intro, 30, 60);
        seed.clip(later, intro, 1, 20);
        seed.clip(later, null, 70, 80);
        counter.statements.set(0);
        HttpResponse<String> r = call("GET", "/api/songs/" + intro.id() + "/clips", null);
        int statements = counter.statements.get();
        assertEquals(200, r.statusCode());
        JsonNode takes = json(r);
        assertEquals(
                List.of(1.0, 30.0, 5.0),
                List.of(
                        takes.get(0).path("start_seconds").asDouble(),
                        takes.get(1).path("start_seconds").asDouble(),
                        takes.get(2).path("start_seconds").asDouble()),
                "newest recording first, then by start");
        assertEquals("take-2", takes.get(0).path("recording").path("name").asText());
        assertEquals("band", takes.get(0).path("recording").path("profile_name").asText());
        assertEquals(2, takes.get(2).path("recording").path("stems").size());
        assertEquals(
                "/media/band/take-1/drums.opus",
                takes.get(2).path("recording").path("stems").get(1).path("audio_url").asText());
        assertEquals(2, statements, "the session's check and the one read of the takes");
        assertEquals(4, json(call("GET", "/api/profiles/band/clips", null)).size());
    }

    @Test
    void a_songs_takes_compare_by_tempo_key_and_stability_in_the_same_statement() throws Exception {
        Recording later = seed.take(band, "take-2", 60, Seed.stem("vocals", -21.0));
        Recording unmeasured = seed.take(band, "take-3", 120, Seed.stem("vocals", -22.0));
        seed.clip(take, intro, 0, 20);
        seed.clip(later, intro, 10, 20);
        seed.clip(unmeasured, intro, 0, 5);
        // take-1 steady at 100 in A minor; take-2 rushes from 110 to 130 and is in C major
        analyses.save(take.id(), analysis(100, 0.99, List.of(100.0, 100.0), "A minor"));
        analyses.save(later.id(), analysis(120, 0.9, List.of(110.0, 130.0), "C major"));
        counter.statements.set(0);
        HttpResponse<String> byTempo =
                call("GET", "/api/songs/" + intro.id() + "/clips?sort=tempo", null);
        assertEquals(2, counter.statements.get(), "the measures come with the takes");
        assertEquals(200, byTempo.statusCode(), byTempo.body());
        JsonNode takes = json(byTempo);
        assertEquals("take-1", takes.get(0).path("recording").path("name").asText());
        assertEquals(100.0, takes.get(0).path("tempo_bpm").asDouble());
        assertEquals("A minor", takes.get(0).path("key").asText());
        assertEquals(0.99, takes.get(0).path("stability").asDouble(), 1e-6);
        assertEquals(
                130.0,
                takes.get(1).path("tempo_bpm").asDouble(),
                "the clip's own tempo: the window it covers");
        assertTrue(takes.get(2).path("tempo_bpm").isNull(), "not analysed: last");
        JsonNode steadiest =
                json(call("GET", "/api/songs/" + intro.id() + "/clips?sort=-stability", null));
        assertEquals("take-1", steadiest.get(0).path("recording").path("name").asText());
        assertEquals(
                "take-2",
                json(call("GET", "/api/songs/" + intro.id() + "/clips?sort=-key", null))
                        .get(0)
                        .path("recording")
                        .path("name")
                        .asText(),
                "by key's name, descending: C major before A minor");
        HttpResponse<String> bad =
                call("GET", "/api/songs/" + intro.id() + "/clips?sort=loudness", null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("sort"), bad.body());
    }

    static org.stemvault.domain.analysis.Analysis analysis(
            double tempo, double stability, List<Double> curve, String key) {
        org.stemvault.domain.analysis.MusicalKey k =
                org.stemvault.domain.analysis.MusicalKey.parse("key", key);
        return new org.stemvault.domain.analysis.Analysis(
                tempo,
                0.9,
                k,
                0.5,
                stability,
                new double[] {0.5, 1.0},
                new double[] {0.5},
                10,
                curve,
                java.util.Collections.nCopies(curve.size(), k),
                "test",
                java.time.Instant.parse("2026-12-07T00:00:00Z"));
    }

    @Test
    void the_sections_a_worker_found_become_the_recordings_clips() throws Exception {
        String jobId =
                JobsTest.field(
                        Api.upload(
                                        server,
                                        "/api/upload/band",
                                        member,
                                        "jam.wav",
                                        org.stemvault.files.legacy.LegacyFixture.wav(0.5, 8000))
                                .body(),
                        "job_id");
        Api.call(server, "POST", "/api/worker/jobs/claim", worker, null);
        JobsTest.outputs(server, worker, jobId);
        String completion =
                JobsTest.completion()
                        .replace(
                                "}]}",
                                "}],\"sections\":[{\"start\":0,\"end\":0.2},{\"start\":0.25,\"end\":9}]}");
        HttpResponse<String> done =
                Api.call(
                        server,
                        "POST",
                        "/api/worker/jobs/" + jobId + "/complete",
                        worker,
                        completion);
        assertEquals(200, done.statusCode(), done.body());
        String id = json(done).path("id").asText();
        JsonNode made = json(call("GET", "/api/recordings/" + id + "/clips", null));
        assertEquals(2, made.size(), made.toString());
        assertEquals("Section 1", made.get(0).path("display_name").asText());
        assertEquals(0.2, made.get(0).path("end_seconds").asDouble());
        assertEquals("Section 2", made.get(1).path("display_name").asText());
        assertEquals(0.5, made.get(1).path("end_seconds").asDouble(), "bounded by the recording");
        HttpResponse<String> bad =
                Api.call(
                        server,
                        "POST",
                        "/api/worker/jobs/" + jobId + "/complete",
                        worker,
                        JobsTest.completion()
                                .replace("}]}", "}],\"sections\":[{\"start\":\"x\",\"end\":1}]}"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"sections[0].start\""), bad.body());
    }
}
