package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.stemvault.domain.analysis.Analyses;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.user.User;

/**
 * The files list and single-file answers carry the profile's change version as a strong ETag; a
 * client that sends it back gets 304 until something the answer shows has changed, after one
 * statement that still checks the session and the membership.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilesVersionTest implements TestPropertyProvider {

    static final String FILES = "/api/profiles/the%20band/files";

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Memberships memberships;
    @Inject Recordings recordings;
    @Inject StatementCounter counter;
    @Inject Analyses analyses;

    User member;
    String token;
    Profile band;
    Recording take;

    @Override
    public Map<String, String> getProperties() {
        return StatementCounter.on();
    }

    @BeforeEach
    void seed() {
        seed.reset();
        member = seed.user("member@example.com");
        token = seed.token(member);
        band = seed.profile("the band");
        seed.grant(member, band);
        take = seed.take(band, "take-1", 0, Seed.stem("vocals", -18.2), Seed.stem("other", null));
        seed.take(band, "take-2", 60, Seed.stem("vocals", -17.0));
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        return Api.call(server, "GET", path, token, null, headers);
    }

    HttpResponse<String> send(String method, String path, String json) throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static String etag(HttpResponse<String> response) {
        return response.headers().firstValue("ETag").orElseThrow();
    }

    /** The tag is current: 304, empty, the same tag; anything else fails. */
    void assertUnchanged(String path, String tag) throws Exception {
        HttpResponse<String> again = get(path, "If-None-Match", tag);
        assertEquals(304, again.statusCode(), again.body());
        assertEquals("", again.body());
        assertEquals(tag, etag(again));
    }

    /** The tag is stale: the full answer with a new tag, which is then current. */
    String assertFresh(String path, String tag) throws Exception {
        HttpResponse<String> fresh = get(path, "If-None-Match", tag);
        assertEquals(200, fresh.statusCode(), fresh.body());
        assertNotEquals(tag, etag(fresh));
        assertEquals(get(path).body(), fresh.body());
        assertUnchanged(path, etag(fresh));
        return etag(fresh);
    }

    @Test
    void the_list_and_a_file_carry_a_strong_private_tag_and_a_current_one_is_304()
            throws Exception {
        HttpResponse<String> list = get(FILES);
        assertEquals(200, list.statusCode());
        String tag = etag(list);
        assertTrue(tag.matches("\"v1\\.\\d+\""), tag);
        assertEquals("private, no-cache", list.headers().firstValue("Cache-Control").orElseThrow());
        assertUnchanged(FILES, tag);
        assertUnchanged(FILES + "?limit=1", tag);
        assertEquals(304, get(FILES, "If-None-Match", "W/" + tag).statusCode(), "weak comparison");
        assertEquals(304, get(FILES, "If-None-Match", "\"other\", " + tag).statusCode());
        assertEquals(304, get(FILES, "If-None-Match", "*").statusCode());
        assertEquals(200, get(FILES, "If-None-Match", "\"v1.x\", \"v2.1\", nonsense").statusCode());

        HttpResponse<String> one = get(FILES + "/take-1");
        assertEquals(200, one.statusCode());
        assertEquals(tag, etag(one));
        assertUnchanged(FILES + "/take-1", tag);
        assertEquals(404, get(FILES + "/no-such-take", "If-None-Match", tag).statusCode());
    }

    @Test
    void the_list_is_one_round_trip_and_a_current_tag_one_statement_that_reads_no_recording()
            throws Exception {
        String tag = etag(get(FILES));
        counter.statements.set(0);
        counter.ends.set(0);
        assertEquals(200, get(FILES).statusCode());
        assertEquals(1, counter.statements.getAndSet(0));
        assertEquals(0, counter.ends.get(), "one round trip: no transaction, so no COMMIT");
        assertEquals(200, get(FILES + "?bpm_min=80&key=Am&key_related=true").statusCode());
        assertEquals(1, counter.statements.getAndSet(0), "filtered by tempo and key as well");
        send("PATCH", FILES + "/take-1/display-name", "{\"display_name\":\"x\"}");
        assertTrue(counter.ends.getAndSet(0) >= 1, "a write's COMMIT is counted");
        tag = etag(get(FILES));
        counter.statements.set(0);
        assertEquals(304, get(FILES, "If-None-Match", tag).statusCode());
        assertEquals(1, counter.statements.getAndSet(0), "the session, membership and version");
        assertEquals(304, get(FILES + "/take-1", "If-None-Match", tag).statusCode());
        assertEquals(1, counter.statements.getAndSet(0));
        assertEquals(200, get(FILES, "If-None-Match", "\"v1.1\"").statusCode());
        assertEquals(1, counter.statements.get(), "a stale tag costs no second statement");
        assertEquals(0, counter.ends.get());
    }

    @Test
    void renaming_a_recording_changing_a_stem_or_a_location_each_give_a_fresh_answer()
            throws Exception {
        String tag = etag(get(FILES));
        String single = etag(get(FILES + "/take-1"));

        assertEquals(
                200,
                send("PATCH", FILES + "/take-1/display-name", "{\"display_name\":\"Tuesday\"}")
                        .statusCode());
        tag = assertFresh(FILES, tag);
        single = assertFresh(FILES + "/take-1", single);
        assertTrue(get(FILES).body().contains("\"display_name\":\"Tuesday\""));

        // A stem changes as a re-run of the separation would write it.
        Recording current = recordings.byId(take.id()).orElseThrow();
        recordings.save(
                new Recording(
                        current.id(),
                        current.profile(),
                        current.outputName(),
                        current.displayName(),
                        current.description(),
                        current.audioFile(),
                        current.createdAt(),
                        current.updatedAt(),
                        List.of(Seed.stem("vocals", -9.5))));
        tag = assertFresh(FILES, tag);
        single = assertFresh(FILES + "/take-1", single);
        assertTrue(get(FILES + "/take-1").body().contains("\"measured_lufs\":-9.5"));

        Label room = seed.label(band, LabelKind.LOCATION, "Room");
        assertEquals(
                200,
                send(
                                "PATCH",
                                "/api/recordings/" + take.id() + "/metadata",
                                "{\"location_id\":\"" + room.id() + "\"}")
                        .statusCode());
        tag = assertFresh(FILES, tag);
        assertEquals(
                200,
                send("PATCH", "/api/locations/" + room.id(), "{\"name\":\"Big room\"}")
                        .statusCode());
        tag = assertFresh(FILES, tag);
        assertTrue(get(FILES).body().contains("\"name\":\"Big room\""));

        assertEquals(204, send("DELETE", FILES + "/take-2", null).statusCode());
        assertFresh(FILES, tag);
    }

    @Test
    void an_analysis_shows_in_every_answer_of_the_recording_moves_the_tag_and_filters_the_list()
            throws Exception {
        String tag = etag(get(FILES));
        String single = etag(get(FILES + "/take-1"));
        assertTrue(get(FILES + "/take-1").body().contains("\"tempo_bpm\":null,\"key\":null"));
        String slow = FILES + "?bpm_min=80&bpm_max=100";
        HttpResponse<String> none = get(slow);
        assertEquals("[]", none.body(), "nothing is analysed yet");
        assertEquals(tag, etag(none));

        analyses.save(take.id(), ClipsTest.analysis(91.04, 0.93, List.of(91.0), "A minor"));
        tag = assertFresh(FILES, tag);
        single = assertFresh(FILES + "/take-1", single);
        String shown = "\"tempo_bpm\":91.0,\"key\":\"A minor\",\"stability\":0.93";
        assertTrue(get(FILES).body().contains(shown), get(FILES).body());
        assertTrue(get(FILES + "/take-1").body().contains(shown));
        assertTrue(
                get("/api/recordings/" + take.id()).body().contains(shown),
                "the recording by id carries the summary; the beat grid stays on its own route");
        assertUnchanged(slow, tag);
        assertTrue(
                send("PATCH", FILES + "/take-1", "{\"description\":\"fast one\"}")
                        .body()
                        .contains(shown),
                "an edit's answer shows the measures as a read does");
        tag = etag(get(FILES));

        HttpResponse<String> felt = get(slow);
        assertEquals(200, felt.statusCode());
        assertTrue(felt.body().contains("\"name\":\"take-1\""), felt.body());
        assertTrue(!felt.body().contains("take-2"), felt.body());
        for (String query :
                List.of(
                        "?bpm_min=91",
                        "?bpm_max=91.5",
                        "?key=Am",
                        "?key=C&key_related=true",
                        "?key=E%20minor&key_related=true&bpm_min=60&limit=1")) {
            String body = get(FILES + query).body();
            assertTrue(body.contains("take-1") && !body.contains("take-2"), query + body);
        }
        for (String query :
                List.of(
                        "?bpm_min=92",
                        "?bpm_max=90",
                        "?key=C%20major",
                        "?key=Eb&key_related=true")) {
            assertEquals("[]", get(FILES + query).body(), query);
        }

        analyses.save(take.id(), ClipsTest.analysis(120, 0.93, List.of(120.0), "A minor"));
        HttpResponse<String> moved = get(slow, "If-None-Match", tag);
        assertEquals(200, moved.statusCode(), "a new analysis moves the tag");
        assertEquals("[]", moved.body());
    }

    @Test
    void the_files_list_refuses_a_bad_tempo_or_key_by_name() throws Exception {
        for (String[] bad :
                new String[][] {
                    {"?bpm_min=fast", "bpm_min"},
                    {"?bpm_min=", "bpm_min"},
                    {"?bpm_max=NaN", "bpm_max"},
                    {"?bpm_max=1e400", "bpm_max"},
                    {"?bpm_min=120&bpm_max=90", "bpm_max"},
                    {"?key=H%20minor", "key"},
                    {"?key=", "key"},
                    {"?key_related=true", "key_related"},
                    {"?key=Am&key_related=yes", "key_related"}
                }) {
            HttpResponse<String> r = get(FILES + bad[0]);
            assertEquals(400, r.statusCode(), bad[0] + r.body());
            assertTrue(r.body().contains("\"field\":\"" + bad[1] + "\""), bad[0] + r.body());
        }
    }

    @Test
    void a_revoked_member_holding_a_current_tag_is_refused_not_told_unchanged() throws Exception {
        String tag = etag(get(FILES));
        memberships.revoke(member.id(), band.id());
        assertEquals(404, get(FILES, "If-None-Match", tag).statusCode());
        assertEquals(404, get(FILES + "/take-1", "If-None-Match", tag).statusCode());
        assertEquals(
                401, Api.call(server, "GET", FILES, null, null, "If-None-Match", tag).statusCode());
    }
}
