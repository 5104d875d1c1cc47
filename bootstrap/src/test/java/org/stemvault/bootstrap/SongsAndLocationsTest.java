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
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.Recording;

/**
 * A profile's songs and locations, and a recording's place and date, over HTTP: names unique per
 * profile whatever their case, a PATCH that keeps what is absent and clears what is null, a
 * location of another profile refused by name, deletes of used ones only with force, and nothing of
 * another profile reachable by id.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SongsAndLocationsTest implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    String member;
    String stranger;
    Profile band;
    Recording take;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @BeforeEach
    void world() {
        seed.reset();
        band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        stranger = seed.token(seed.user("stranger@example.com"));
        take = seed.take(band, "take-1", 0, Seed.stem("vocals", -20.0));
    }

    HttpResponse<String> call(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    @Test
    void songs_are_listed_by_name_and_a_name_is_taken_whatever_its_case() throws Exception {
        assertEquals(
                201,
                call("POST", "/api/profiles/band/songs", member, "{\"name\":\"  Zebra \"}")
                        .statusCode());
        HttpResponse<String> alpha =
                call("POST", "/api/profiles/band/songs", member, "{\"name\":\"alpha\"}");
        assertEquals(201, alpha.statusCode());
        HttpResponse<String> again =
                call("POST", "/api/profiles/band/songs", member, "{\"name\":\"ZEBRA\"}");
        assertEquals(409, again.statusCode());
        assertEquals(
                "a song named 'ZEBRA' exists in this profile already",
                json(again).path("detail").asText());
        assertEquals(
                List.of("alpha", "Zebra"),
                json(call("GET", "/api/profiles/band/songs", member, null))
                        .findValuesAsText("name"));
        assertEquals(
                201,
                call("POST", "/api/profiles/band/locations", member, "{\"name\":\"zebra\"}")
                        .statusCode(),
                "a location is not a song");

        for (String bad :
                List.of(
                        "{\"name\":\"   \"}",
                        "{\"name\":42}",
                        "{}",
                        "{\"name\":\"" + "x".repeat(201) + "\"}")) {
            HttpResponse<String> refused = call("POST", "/api/profiles/band/songs", member, bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.body().contains("\"field\":\"name\""), refused.body());
        }
        String id = json(alpha).path("id").asText();
        HttpResponse<String> renamed =
                call("PATCH", "/api/songs/" + id, member, "{\"name\":\"Alpha Centauri\"}");
        assertEquals("Alpha Centauri", json(renamed).path("name").asText());
        assertEquals(
                409,
                call("PATCH", "/api/songs/" + id, member, "{\"name\":\"zebra\"}").statusCode());
        assertEquals(
                2,
                json(call("GET", "/api/profiles/band/songs", member, null)).size(),
                "nothing half-written");
    }

    @Test
    void a_recording_gets_a_place_and_a_date_absent_fields_stay_and_nulls_clear() throws Exception {
        String attic =
                json(call(
                                "POST",
                                "/api/profiles/band/locations",
                                member,
                                "{\"name\":\"The Attic\"}"))
                        .path("id")
                        .asText();
        String path = "/api/recordings/" + take.id() + "/metadata";
        JsonNode set =
                json(
                        call(
                                "PATCH",
                                path,
                                member,
                                "{\"location_id\":\""
                                        + attic
                                        + "\",\"date_recorded\":\"2026-11-03\"}"));
        assertEquals("The Attic", set.path("location").path("name").asText());
        assertEquals(attic, set.path("location").path("id").asText());
        assertEquals("2026-11-03", set.path("date_recorded").asText());
        assertEquals("band", set.path("profile_name").asText());
        assertEquals("take-1", set.path("name").asText());
        assertEquals("complete", set.path("status").asText());

        JsonNode listed = json(call("GET", "/api/profiles/band/files", member, null)).get(0);
        assertEquals(take.id().toString(), listed.path("id").asText());
        assertEquals("The Attic", listed.path("location").path("name").asText());
        assertEquals("2026-11-03", listed.path("date_recorded").asText());

        JsonNode kept = json(call("PATCH", path, member, "{\"date_recorded\":null}"));
        assertEquals("The Attic", kept.path("location").path("name").asText(), "absent: kept");
        assertTrue(kept.path("date_recorded").isNull(), "null: cleared");
        JsonNode cleared = json(call("PATCH", path, member, "{\"location_id\":null}"));
        assertTrue(cleared.path("location").isNull());

        Profile elsewhere = seed.profile("elsewhere");
        String theirs = seed.label(elsewhere, LabelKind.LOCATION, "Their Place").id().toString();
        String song = seed.label(band, LabelKind.SONG, "A Song").id().toString();
        for (String bad :
                List.of(
                        "{\"location_id\":\"" + theirs + "\"}",
                        "{\"location_id\":\"" + song + "\"}",
                        "{\"location_id\":\"not-an-id\"}")) {
            HttpResponse<String> refused = call("PATCH", path, member, bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.body().contains("\"field\":\"location_id\""), refused.body());
        }
        for (String bad :
                List.of(
                        "{\"date_recorded\":\"03/11/2026\"}",
                        "{\"date_recorded\":\"1066-10-14\"}",
                        "{\"date_recorded\":20261103}")) {
            HttpResponse<String> refused = call("PATCH", path, member, bad);
            assertEquals(400, refused.statusCode(), bad);
            assertTrue(refused.body().contains("\"field\":\"date_recorded\""), refused.body());
        }
        assertTrue(
                json(call("GET", "/api/recordings/" + take.id(), member, null))
                        .path("location")
                        .isNull(),
                "a refused PATCH changed nothing");
    }

    @Test
    void a_location_in_use_is_deleted_only_with_force_which_unlinks_it() throws Exception {
        String attic =
                json(call("POST", "/api/profiles/band/locations", member, "{\"name\":\"Attic\"}"))
                        .path("id")
                        .asText();
        call(
                "PATCH",
                "/api/recordings/" + take.id() + "/metadata",
                member,
                "{\"location_id\":\"" + attic + "\"}");
        HttpResponse<String> refused = call("DELETE", "/api/locations/" + attic, member, null);
        assertEquals(409, refused.statusCode());
        assertEquals(
                "the location 'Attic' is used by 1 recording; delete it with ?force=true to unlink it",
                json(refused).path("detail").asText());
        assertEquals(
                400,
                call("DELETE", "/api/locations/" + attic + "?force=yes", member, null)
                        .statusCode());
        // Other tests' contexts may have set the levels again: this logger logs at info.
        ((ch.qos.logback.classic.Logger)
                        org.slf4j.LoggerFactory.getLogger("org.stemvault.web.label"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
        ServiceLog log = new ServiceLog();
        log.listen();
        assertEquals(
                204,
                call("DELETE", "/api/locations/" + attic + "?force=true", member, null)
                        .statusCode());
        List<String> logged = log.messages("org.stemvault.web.label", "deleted");
        log.assertNoStackTraces();
        assertEquals(1, logged.size(), logged.toString());
        assertTrue(
                logged.get(0).startsWith("location " + attic + " 'Attic' deleted by user ")
                        && logged.get(0).endsWith(" (forced: unlinked from 1)"),
                logged.get(0));
        assertTrue(
                json(call("GET", "/api/recordings/" + take.id(), member, null))
                        .path("location")
                        .isNull());
        assertEquals(0, json(call("GET", "/api/profiles/band/locations", member, null)).size());
        assertEquals(404, call("DELETE", "/api/locations/" + attic, member, null).statusCode());
    }

    @Test
    void another_profiles_song_location_or_recording_by_id_is_exactly_a_missing_one()
            throws Exception {
        String song = seed.label(band, LabelKind.SONG, "Ours").id().toString();
        String missing = "00000000-0000-4000-8000-000000000000";
        for (String[] pair :
                new String[][] {
                    {"/api/songs/" + song, "/api/songs/" + missing},
                    {"/api/recordings/" + take.id(), "/api/recordings/" + missing},
                    {
                        "/api/recordings/" + take.id() + "/metadata",
                        "/api/recordings/nonsense/metadata"
                    }
                }) {
            String method =
                    pair[0].startsWith("/api/songs") || pair[0].endsWith("metadata")
                            ? "PATCH"
                            : "GET";
            String body = method.equals("PATCH") ? "{\"name\":\"x\",\"date_recorded\":null}" : null;
            HttpResponse<String> theirs = call(method, pair[0], stranger, body);
            HttpResponse<String> none = call(method, pair[1], member, body);
            assertEquals(404, theirs.statusCode(), pair[0]);
            assertEquals(none.statusCode(), theirs.statusCode());
            assertEquals(
                    json(none).path("detail").asText(),
                    json(theirs).path("detail").asText(),
                    pair[0]);
        }
    }

    @Test
    void a_recording_deleted_by_id_leaves_the_files_list() throws Exception {
        assertEquals(
                204, call("DELETE", "/api/recordings/" + take.id(), member, null).statusCode());
        assertEquals("[]", call("GET", "/api/profiles/band/files", member, null).body());
        assertEquals(404, call("GET", "/api/recordings/" + take.id(), member, null).statusCode());
    }

    @Test
    void each_member_keeps_their_own_player_settings_per_recording() throws Exception {
        String path = "/api/recordings/" + take.id() + "/config";
        assertEquals(
                204,
                call(
                                "PATCH",
                                path,
                                member,
                                "{\"key\":\"stems\",\"value\":{\"vocals\":{\"gain_db\":-3,\"muted\":false}}}")
                        .statusCode());
        assertEquals(
                204,
                call("PATCH", path, member, "{\"key\":\"playbackPosition\",\"value\":12.5}")
                        .statusCode());
        assertEquals(
                204,
                call("PATCH", path, member, "{\"key\":\"playbackPosition\",\"value\":30}")
                        .statusCode());
        JsonNode config =
                json(call("GET", "/api/recordings/" + take.id(), member, null)).path("config");
        assertEquals(30, config.path("playbackPosition").asInt());
        assertEquals(-3, config.path("stems").path("vocals").path("gain_db").asInt());
        assertEquals(2, config.size());
        String other = seed.memberOf(band, "bandmate@example.com");
        assertEquals(
                0,
                json(call("GET", "/api/recordings/" + take.id(), other, null))
                        .path("config")
                        .size(),
                "each member's own");
        for (String[] bad :
                new String[][] {
                    {"{\"key\":\"volume\",\"value\":1}", "key"},
                    {"{\"value\":1}", "key"},
                    {"{\"key\":\"eq\"}", "value"},
                    {"{\"key\":\"eq\",\"value\":\"" + "x".repeat(16_400) + "\"}", "value"}
                }) {
            HttpResponse<String> refused = call("PATCH", path, member, bad[0]);
            assertEquals(400, refused.statusCode(), bad[0]);
            assertTrue(refused.body().contains("\"field\":\"" + bad[1] + "\""), refused.body());
        }
        assertEquals(
                404, call("PATCH", path, stranger, "{\"key\":\"eq\",\"value\":1}").statusCode());
    }

    @Test
    void search_finds_a_recording_by_its_location_and_filters_by_it_and_by_date() throws Exception {
        String attic =
                json(call("POST", "/api/profiles/band/locations", member, "{\"name\":\"Granary\"}"))
                        .path("id")
                        .asText();
        call(
                "PATCH",
                "/api/recordings/" + take.id() + "/metadata",
                member,
                "{\"location_id\":\"" + attic + "\",\"date_recorded\":\"2026-11-03\"}");
        JsonNode found =
                json(
                        call(
                                "POST",
                                "/api/search",
                                member,
                                "{\"mode\":\"fulltext\",\"query\":\"granary\",\"limit\":5}"));
        assertEquals(
                "take-1",
                found.path("results").get(0).path("file").path("name").asText(),
                found.toString());
        String filtered =
                "{\"mode\":\"fulltext\",\"query\":\"granary\",\"limit\":5,\"filters\":{\"location_id\":\"%s\",\"recorded_from\":\"%s\"}}";
        assertEquals(
                1,
                json(call("POST", "/api/search", member, filtered.formatted(attic, "2026-11-01")))
                        .path("results")
                        .size());
        assertEquals(
                0,
                json(call("POST", "/api/search", member, filtered.formatted(attic, "2026-11-04")))
                        .path("results")
                        .size());
        HttpResponse<String> bad =
                call("POST", "/api/search", member, filtered.formatted("nope", "2026-11-01"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("\"field\":\"filters.location_id\""), bad.body());
        HttpResponse<String> badDate =
                call("POST", "/api/search", member, filtered.formatted(attic, "yesterday"));
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("\"field\":\"filters.recorded_from\""), badDate.body());
    }
}
