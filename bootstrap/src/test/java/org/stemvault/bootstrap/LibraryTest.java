package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;

/** The member library over HTTP: what a member, a stranger and an admin see and may change. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LibraryTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Memberships memberships;
    @Inject Recordings recordings;
    @Inject StatementCounter counter;

    User member;
    User stranger;
    User admin;
    Profile band;

    @Override
    public Map<String, String> getProperties() {
        return StatementCounter.on();
    }

    @BeforeEach
    void seed() {
        seed.reset();
        sessions.clear();
        member = seed.user("member@example.com");
        stranger = seed.user("stranger@example.com");
        admin = seed.admin("admin@example.com");
        band = seed.profile("the band");
        seed.profile("attic");
        seed.grant(member, band);
    }

    Recording take(String outputName, long secondsAfterT0) {
        return seed.take(
                band,
                outputName,
                secondsAfterT0,
                Seed.stem("vocals", -18.2),
                Seed.stem("other", null));
    }

    /** One session per user, as a signed-in browser keeps its cookie. */
    final Map<UserId, String> sessions = new HashMap<>();

    HttpResponse<String> call(String method, String path, User user, String json) throws Exception {
        String token = user == null ? null : sessions.computeIfAbsent(user.id(), seed::token);
        return Api.call(server, method, path, token, json);
    }

    HttpResponse<String> get(String path, User user) throws Exception {
        return call("GET", path, user, null);
    }

    @Test
    void a_member_lists_only_their_profiles_and_an_admin_lists_all() throws Exception {
        assertEquals(
                "[{\"name\":\"the band\",\"source_folder\":\"/sources/the band\"}]",
                Api.profilesShown(get("/api/profiles", member).body()));
        assertEquals("[]", get("/api/profiles", stranger).body());
        assertEquals(
                "[{\"name\":\"attic\",\"source_folder\":\"/sources/attic\"},"
                        + "{\"name\":\"the band\",\"source_folder\":\"/sources/the band\"}]",
                Api.profilesShown(get("/api/profiles", admin).body()));
        assertEquals(
                "{\"name\":\"the band\",\"source_folder\":\"/sources/the band\"}",
                Api.profilesShown(get("/api/profiles/the%20band", member).body()));
        assertTrue(
                get("/api/profiles/the%20band", member)
                        .body()
                        .matches(
                                ".*,\"id\":\"[0-9a-f-]{36}\",\"google_drive_folder_id\":null,"
                                        + "\"drive_status\":null}"),
                "the newest client's ProfileResponse: its id, and no Drive folder");
    }

    @Test
    void the_files_list_is_newest_first_with_every_stem_in_the_existing_clients_shape()
            throws Exception {
        take("080805-001_a1b2c3d4", 0);
        take("080806-002_b2c3d4e5", 60);

        HttpResponse<String> files = get("/api/profiles/the%20band/files", member);

        assertEquals(200, files.statusCode());
        assertEquals(
                "[{\"name\":\"080806-002_b2c3d4e5\",\"display_name\":\"Take 080806-002_b2c3d4e5\","
                        + "\"description\":\"\",\"created_at\":\"2025-10-30T05:42:36Z\",\"stems\":["
                        + "{\"stem_type\":\"vocals\",\"measured_lufs\":-18.2,\"peak_amplitude\":0.93,"
                        + "\"stem_gain_adjustment_db\":4.2,\"audio_url\":\"/media/the%20band/080806-002_b2c3d4e5/vocals.opus\","
                        + "\"waveform_url\":\"/media/the%20band/080806-002_b2c3d4e5/vocals_waveform.png\","
                        + "\"file_size_bytes\":1234567,\"duration_seconds\":184.3},"
                        + "{\"stem_type\":\"other\",\"measured_lufs\":null,\"peak_amplitude\":0.93,"
                        + "\"stem_gain_adjustment_db\":4.2,\"audio_url\":\"/media/the%20band/080806-002_b2c3d4e5/other.opus\","
                        + "\"waveform_url\":\"/media/the%20band/080806-002_b2c3d4e5/other_waveform.png\","
                        + "\"file_size_bytes\":1234567,\"duration_seconds\":184.3}],"
                        + "\"id\":\"ID\",\"status\":\"complete\",\"location\":null,\"date_recorded\":null,"
                        + "\"updated_at\":\"2025-10-30T05:42:36Z\",\"tempo_bpm\":null,\"key\":null,"
                        + "\"stability\":null},{\"name\":\"080805-001_a1b2c3d4\"",
                files.body()
                        .substring(0, files.body().indexOf(",\"display_name\":\"Take 080805"))
                        .replaceFirst("\"id\":\"[0-9a-f-]{36}\"", "\"id\":\"ID\""));
    }

    @Test
    void the_streamed_list_is_byte_for_byte_the_single_file_answers_in_order() throws Exception {
        Stem odd =
                new Stem(
                        new StemType("lead vocals"),
                        -0.000001,
                        1e-7,
                        -12345.678,
                        new MediaFileName("sub dir/Ünïcode #1.opus"),
                        new MediaFileName("w%20f/\"quoted\".png"),
                        0,
                        1e21);
        Recording plain = take("take-1", 0);
        seed.take(
                band,
                "Übung 2 — \"live\"",
                "Quote \", 🎸 and \\ backslash",
                "line one\nline two\ttabbed </script>",
                null,
                60,
                List.of(odd, Seed.stem("other", null)));
        seed.take(band, "empty", "Empty", "", null, 30, List.of());
        Label room = seed.label(band, LabelKind.LOCATION, "Room \"A\" / ✓");
        assertEquals(
                200,
                call(
                                "PATCH",
                                "/api/recordings/" + plain.id() + "/metadata",
                                member,
                                "{\"location_id\":\""
                                        + room.id()
                                        + "\",\"date_recorded\":\"2024-02-29\"}")
                        .statusCode());

        HttpResponse<String> list = get("/api/profiles/the%20band/files", member);
        assertEquals(200, list.statusCode());
        assertTrue(
                list.headers().firstValue("content-type").orElse("").startsWith("application/json"),
                list.headers().map().toString());
        List<String> singles = new ArrayList<>();
        for (String name : List.of("Übung 2 — \"live\"", "empty", "take-1")) {
            HttpResponse<String> one =
                    get(
                            "/api/profiles/the%20band/files/"
                                    + java.net.URLEncoder.encode(name, "UTF-8").replace("+", "%20"),
                            member);
            assertEquals(200, one.statusCode(), name);
            assertEquals(
                    one.headers().firstValue("content-type"),
                    list.headers().firstValue("content-type"));
            singles.add(one.body());
        }
        assertEquals("[" + String.join(",", singles) + "]", list.body());
        assertEquals(
                "[]",
                get("/api/profiles/attic/files", admin).body(),
                "an empty profile is an empty array");
    }

    @Test
    void a_stranger_gets_exactly_what_a_missing_profile_gets_on_every_path() throws Exception {
        take("take-1", 0);
        for (String path :
                List.of(
                        "/api/profiles/the%20band",
                        "/api/profiles/the%20band/files",
                        "/api/profiles/the%20band/files/take-1")) {
            HttpResponse<String> forbidden = get(path, stranger);
            HttpResponse<String> missing =
                    get(path.replace("the%20band", "no%20such%20band"), stranger);
            assertEquals(404, forbidden.statusCode(), path);
            assertEquals(missing.statusCode(), forbidden.statusCode(), path);
            assertEquals(missing.body(), forbidden.body(), path);
            assertEquals(200, get(path, member).statusCode(), path);
            assertEquals(200, get(path, admin).statusCode(), path);
        }
        assertEquals(
                404,
                call(
                                "PATCH",
                                "/api/profiles/the%20band/files/take-1",
                                stranger,
                                "{\"display_name\":\"x\"}")
                        .statusCode());
        assertEquals(
                404,
                call("DELETE", "/api/profiles/the%20band/files/take-1", stranger, null)
                        .statusCode());
        assertEquals(
                "Take take-1",
                recordings
                        .byOutputName(band.id(), new OutputName("take-1"))
                        .orElseThrow()
                        .displayName());
    }

    @Test
    void a_revoked_member_is_refused_on_the_very_next_request_with_the_same_token()
            throws Exception {
        take("take-1", 0);
        assertEquals(200, get("/api/profiles/the%20band/files", member).statusCode());
        memberships.revoke(member.id(), band.id());
        assertEquals(404, get("/api/profiles/the%20band/files", member).statusCode());
    }

    @Test
    void pages_follow_the_cursor_through_every_recording_once() throws Exception {
        for (int i = 0; i < 5; i++) {
            take("take-" + i, i);
        }
        List<String> seen = new ArrayList<>();
        String path = "/api/profiles/the%20band/files?limit=2";
        for (int pages = 0; pages < 10 && path != null; pages++) {
            HttpResponse<String> page = get(path, member);
            assertEquals(200, page.statusCode(), page.body());
            for (String part : page.body().split("\\{\"name\":\"")) {
                if (part.startsWith("take-")) {
                    seen.add(part.substring(0, part.indexOf('"')));
                }
            }
            path =
                    page.headers()
                            .firstValue("X-Next-Cursor")
                            .map(c -> "/api/profiles/the%20band/files?limit=2&cursor=" + c)
                            .orElse(null);
        }
        assertEquals(List.of("take-4", "take-3", "take-2", "take-1", "take-0"), seen);
    }

    @Test
    void bad_paging_parameters_are_400_naming_the_field() throws Exception {
        HttpResponse<String> limit = get("/api/profiles/the%20band/files?limit=0", member);
        assertEquals(400, limit.statusCode());
        assertTrue(limit.body().contains("\"field\":\"limit\""), limit.body());
        HttpResponse<String> cursor =
                get("/api/profiles/the%20band/files?limit=2&cursor=garbage", member);
        assertEquals(400, cursor.statusCode());
        assertTrue(cursor.body().contains("\"field\":\"cursor\""), cursor.body());
        assertEquals(400, get("/api/profiles/the%20band/files?limit=many", member).statusCode());
    }

    @Test
    void renaming_answers_the_updated_file_and_bad_bodies_change_nothing() throws Exception {
        take("take-1", 0);
        HttpResponse<String> renamed =
                call(
                        "PATCH",
                        "/api/profiles/the%20band/files/take-1/display-name",
                        member,
                        "{\"display_name\":\"Tuesday jam\"}");
        assertEquals(200, renamed.statusCode(), renamed.body());
        assertTrue(
                renamed.body().startsWith("{\"name\":\"take-1\",\"display_name\":\"Tuesday jam\""),
                renamed.body());

        for (String bad :
                List.of(
                        "{}",
                        "{\"display_name\":\"  \"}",
                        "{\"display_name\":42}",
                        "not json",
                        "[]")) {
            HttpResponse<String> refused =
                    call(
                            "PATCH",
                            "/api/profiles/the%20band/files/take-1/display-name",
                            member,
                            bad);
            assertEquals(400, refused.statusCode(), bad + " -> " + refused.body());
            assertTrue(
                    refused.headers()
                            .firstValue("content-type")
                            .orElse("")
                            .startsWith("application/problem+json"));
        }
        assertEquals(
                "Tuesday jam",
                recordings
                        .byOutputName(band.id(), new OutputName("take-1"))
                        .orElseThrow()
                        .displayName());
    }

    @Test
    void editing_changes_only_what_is_given_and_deleting_removes_the_file() throws Exception {
        take("take-1", 0);
        HttpResponse<String> edited =
                call(
                        "PATCH",
                        "/api/profiles/the%20band/files/take-1",
                        member,
                        "{\"description\":\"dark moody groove\"}");
        assertEquals(200, edited.statusCode(), edited.body());
        Recording stored =
                recordings.byOutputName(band.id(), new OutputName("take-1")).orElseThrow();
        assertEquals("Take take-1", stored.displayName());
        assertEquals("dark moody groove", stored.description());
        assertEquals(2, stored.stems().size());

        assertEquals(
                204,
                call("DELETE", "/api/profiles/the%20band/files/take-1", member, null).statusCode());
        assertEquals(404, get("/api/profiles/the%20band/files/take-1", member).statusCode());
        assertEquals(
                404,
                call("DELETE", "/api/profiles/the%20band/files/take-1", member, null).statusCode());
    }

    @Test
    void the_files_list_is_one_statement_per_request_whatever_the_number_of_recordings()
            throws Exception {
        take("take-0", 0);
        get("/api/profiles/the%20band/files", member);
        counter.statements.set(0);
        get("/api/profiles/the%20band/files", member);
        int withOne = counter.statements.getAndSet(0);

        for (int i = 1; i < 30; i++) {
            take("take-" + i, i);
        }
        counter.statements.set(0);
        HttpResponse<String> files = get("/api/profiles/the%20band/files", member);
        int withThirty = counter.statements.get();

        assertEquals(200, files.statusCode());
        assertEquals(
                1,
                withOne,
                "one statement: the session's user, the membership check and the list together");
        assertEquals(withOne, withThirty, "no statement per recording or per stem");
    }

    @Test
    void a_deleted_users_token_is_401_on_the_files_list_too() throws Exception {
        assertEquals(200, get("/api/profiles/the%20band/files", member).statusCode());
        try (java.sql.Connection c = org.stemvault.postgres.TestDatabase.connect();
                java.sql.PreparedStatement ps =
                        c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            ps.setObject(1, member.id().value());
            ps.executeUpdate();
        }
        HttpResponse<String> refused = get("/api/profiles/the%20band/files", member);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("\"status\":401"), refused.body());
    }

    @Inject Collection<TokenValidator<?>> validators;

    @Test
    void session_tokens_are_checked_through_the_cache_of_verified_tokens() {
        assertTrue(
                validators.stream()
                        .anyMatch(v -> v.getClass().getName().endsWith("VerifiedTokens$Caching")),
                validators.toString());
    }

    @Test
    void anonymous_callers_get_401() throws Exception {
        assertEquals(401, get("/api/profiles", null).statusCode());
        assertEquals(401, get("/api/profiles/the%20band/files", null).statusCode());
    }
}
