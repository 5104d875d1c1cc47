package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;

/**
 * Input the hardening review found answered 500, or acted on: each is a 400 naming the field, and
 * changes nothing in the database; and none of it puts a stack trace in the service's log (a client
 * error is the client's, not an incident).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest implements TestPropertyProvider {

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    String admin;
    String member;
    String worker;
    String take;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    final ServiceLog log = new ServiceLog();

    @BeforeEach
    void listen() {
        log.listen();
    }

    @AfterEach
    void noStackTraces() {
        log.assertNoStackTraces();
    }

    @BeforeEach
    void world() {
        seed.reset();
        Profile band = seed.profile("band");
        take = seed.take(band, "take-1", 0, Seed.stem("vocals", -1.0)).id().value().toString();
        admin = seed.token(seed.admin("admin@example.com"));
        member = seed.memberOf(band, "member@example.com");
        worker = seed.worker("w").bearer();
        seed.source(band, "ab".repeat(32));
    }

    HttpResponse<String> raw(String method, String rawPath, String token, byte[] body)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + rawPath))
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofByteArray(body))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token);
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    void refused(String method, String path, String token, String body, String field)
            throws Exception {
        refused(
                method,
                path,
                token,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8),
                field);
    }

    void refused(String method, String path, String token, byte[] body, String field)
            throws Exception {
        String before = Seed.snapshot();
        HttpResponse<String> answer = raw(method, path, token, body);
        assertEquals(400, answer.statusCode(), method + " " + path + " -> " + answer.body());
        assertTrue(
                answer.body().contains("\"field\":\"" + field + "\""),
                method + " " + path + " -> " + answer.body());
        assertEquals(before, Seed.snapshot(), method + " " + path + " changed the database");
    }

    @Test
    void json_with_data_after_its_value_is_refused_and_not_acted_on() throws Exception {
        refused(
                "POST",
                "/api/admin/worker-tokens",
                admin,
                "{\"name\":\"x\",\"days\":1} trailing",
                "body");
        refused(
                "POST",
                "/api/admin/profiles",
                admin,
                "{\"name\":\"x\",\"source_folder\":\"/s\"}{}",
                "body");
        refused(
                "PUT",
                "/api/admin/users/member@example.com/role",
                admin,
                "{\"role\":\"admin\"} x",
                "body");
    }

    @Test
    void an_unpaired_surrogate_or_malformed_utf8_is_refused() throws Exception {
        refused(
                "POST",
                "/api/admin/profiles",
                admin,
                "{\"name\":\"a\\ud800\",\"source_folder\":\"/s\"}",
                "name");
        refused(
                "PATCH",
                "/api/profiles/band/files/take-1",
                member,
                new byte[] {
                    '{',
                    '"',
                    'd',
                    'e',
                    's',
                    'c',
                    'r',
                    'i',
                    'p',
                    't',
                    'i',
                    'o',
                    'n',
                    '"',
                    ':',
                    '"',
                    (byte) 0xc0,
                    (byte) 0xaf,
                    '"',
                    '}'
                },
                "body");
    }

    @Test
    void malformed_utf8_in_a_path_is_refused_before_anything_is_looked_up() throws Exception {
        refused("DELETE", "/api/profiles/band/files/%FF", member, (String) null, "path");
        refused(
                "PUT",
                "/api/profiles/band/recordings/%C0%AF",
                worker,
                "{\"audio_file_sha256\":\"" + "ab".repeat(32) + "\",\"stems\":[]}",
                "path");
    }

    @Test
    void nul_bytes_far_dates_and_loose_flags_are_refused_naming_the_field() throws Exception {
        refused(
                "PUT",
                "/api/admin/profiles/band/members/a%00b@example.com",
                admin,
                (String) null,
                "email");
        refused("GET", "/api/admin/audit?user=a%00b@example.com", admin, (String) null, "email");
        refused("GET", "/api/admin/audit?profile=a%00b", admin, (String) null, "profile");
        refused(
                "POST",
                "/api/search/" + java.util.UUID.randomUUID() + "/feedback",
                member,
                "{\"recording_id\":\"" + take + "\",\"action\":\"play\\u0000ed\",\"position\":1}",
                "action");
        refused(
                "POST",
                "/api/search/" + java.util.UUID.randomUUID() + "/feedback",
                member,
                "{\"recording_id\":\"" + take + "\",\"action\":\"played\",\"position\":1e400}",
                "position");
        refused("GET", "/api/admin/search-insights?profile=a%00b", admin, (String) null, "profile");
        refused("GET", "/api/profiles/band/files?key=A%00minor", member, (String) null, "key");
        refused("GET", "/api/profiles/band/files?bpm_min=9%009", member, (String) null, "bpm_min");
        refused(
                "GET",
                "/api/profiles/band/files?key=Am&key_related=TRUE",
                member,
                (String) null,
                "key_related");
        refused(
                "GET",
                "/api/admin/audit?since=%2B1000000000-01-01T00:00:00Z",
                admin,
                (String) null,
                "since");
        refused(
                "POST",
                "/api/search",
                member,
                "{\"mode\":\"fulltext\",\"query\":\"a\\u0000b\"}",
                "query");
        refused(
                "POST",
                "/api/search",
                member,
                "{\"mode\":\"fulltext\",\"query\":\"x\",\"filters\":"
                        + "{\"created_after\":\"+1000000000-01-01T00:00:00Z\"}}",
                "filters.created_after");
        refused(
                "POST",
                "/api/search",
                member,
                "{\"mode\":\"fulltext\",\"query\":\"x\",\"filters\":"
                        + "{\"stem_type\":\"a\\u0000\"}}",
                "filters.stem_type");
        refused("DELETE", "/api/admin/profiles/band?force=yes", admin, (String) null, "force");
        refused("DELETE", "/api/admin/profiles/band?force=TRUE", admin, (String) null, "force");
    }

    @Test
    void a_setting_with_a_nul_or_nested_too_deep_is_refused_naming_value() throws Exception {
        String path = "/api/recordings/" + take + "/config";
        refused("PATCH", path, member, "{\"key\":\"reverb\",\"value\":\"\\u0000\"}", "value");
        refused("PATCH", path, member, "{\"key\":\"reverb\",\"value\":{\"a\\u0000\":1}}", "value");
        refused(
                "PATCH",
                path,
                member,
                "{\"key\":\"stems\",\"value\":{\"vocals\":[\"\\u0000\"]}}",
                "value.vocals[0]");
        for (int depth : new int[] {32, 100, 600, 1500}) {
            refused(
                    "PATCH",
                    path,
                    member,
                    "{\"key\":\"reverb\",\"value\":" + "[".repeat(depth) + "]".repeat(depth) + "}",
                    "value");
        }
        HttpResponse<String> deepest =
                raw(
                        "PATCH",
                        path,
                        member,
                        ("{\"key\":\"reverb\",\"value\":" + "[".repeat(31) + "]".repeat(31) + "}")
                                .getBytes(StandardCharsets.UTF_8));
        assertEquals(204, deepest.statusCode(), deepest.body());
        HttpResponse<String> stored = raw("GET", "/api/recordings/" + take, member, null);
        assertTrue(
                stored.body().contains("\"reverb\":" + "[".repeat(31) + "]".repeat(31)),
                stored.body());
    }

    @Test
    void a_name_with_a_control_character_is_refused_naming_the_field() throws Exception {
        for (String bad :
                new String[] {"bell\\u0007", "a\\u001b[31mb", "del\\u007f", "c1\\u0085"}) {
            refused(
                    "POST",
                    "/api/profiles/band/songs",
                    member,
                    "{\"name\":\"" + bad + "\"}",
                    "name");
            refused(
                    "POST",
                    "/api/profiles/band/locations",
                    member,
                    "{\"name\":\"" + bad + "\"}",
                    "name");
            refused(
                    "POST",
                    "/api/recordings/" + take + "/clips",
                    member,
                    "{\"start_time_sec\":0,\"end_time_sec\":1,\"display_name\":\"" + bad + "\"}",
                    "display_name");
            refused(
                    "PATCH",
                    "/api/profiles/band/files/take-1",
                    member,
                    "{\"display_name\":\"" + bad + "\"}",
                    "display_name");
            refused(
                    "POST",
                    "/api/admin/worker-tokens",
                    admin,
                    "{\"name\":\"" + bad + "\",\"days\":1}",
                    "name");
            refused(
                    "POST",
                    "/api/admin/profiles",
                    admin,
                    "{\"name\":\"" + bad + "\",\"source_folder\":\"/s\"}",
                    "name");
        }
    }

    @Test
    void a_mix_request_out_of_shape_or_range_is_refused_naming_the_field() throws Exception {
        String path = "/api/recordings/" + take + "/mixes";
        refused("POST", path, member, "{\"tempo\":\"fast\"}", "tempo");
        refused("POST", path, member, "{\"tempo\":1.6}", "tempo");
        refused("POST", path, member, "{\"tempo\":1e400}", "tempo");
        refused("POST", path, member, "{\"semitones\":1.5}", "semitones");
        refused("POST", path, member, "{\"semitones\":1e12}", "semitones");
        refused("POST", path, member, "{\"format\":\"ogg\"}", "format");
        refused("POST", path, member, "{\"loudness\":3}", "loudness");
        refused("POST", path, member, "{\"start\":-1,\"end\":2}", "start");
        refused("POST", path, member, "{\"start\":2}", "end");
        refused("POST", path, member, "{\"start\":1,\"end\":999}", "end");
        refused("POST", path, member, "{\"stems\":[]}", "stems");
        refused("POST", path, member, "{\"stems\":{\"vocals\":5}}", "stems.vocals");
        refused(
                "POST",
                path,
                member,
                "{\"stems\":{\"vocals\":{\"muted\":\"yes\"}}}",
                "stems.vocals.muted");
        refused(
                "POST",
                path,
                member,
                "{\"stems\":{\"vocals\":{\"gain_db\":25}}}",
                "stems.vocals.gain_db");
        refused("POST", path, member, "{\"stems\":{\"vocals\":{\"muted\":true}}}", "stems");
        refused("POST", path, member, "{\"stems\":{\"kazoo\":{}}}", "stems.kazoo");
        refused("POST", path, member, "{\"clip_id\":\"a\\u0000b\"}", "clip_id");
        refused("POST", path, member, "{\"clip_id\":\"x\",\"start\":0,\"end\":1}", "clip_id");
    }

    @Test
    void a_recording_needs_stems_with_a_type() throws Exception {
        refused(
                "PUT",
                "/api/profiles/band/recordings/new-take",
                worker,
                "{\"audio_file_sha256\":\"" + "ab".repeat(32) + "\",\"stems\":[]}",
                "stems");
        refused(
                "PUT",
                "/api/profiles/band/recordings/new-take",
                worker,
                "{\"audio_file_sha256\":\""
                        + "ab".repeat(32)
                        + "\",\"stems\":[{\"stem_type\":\"  \","
                        + "\"measured_lufs\":null,\"peak_amplitude\":0.5,\"stem_gain_adjustment_db\":0,"
                        + "\"audio_url\":\"v.opus\",\"waveform_url\":\"v.png\",\"file_size_bytes\":1,"
                        + "\"duration_seconds\":1}]}",
                "stems[0].stem_type");
    }

    @Test
    void wrong_types_and_huge_numbers_are_refused_naming_the_field() throws Exception {
        refused(
                "POST",
                "/api/admin/profiles",
                admin,
                "{\"name\":5,\"source_folder\":\"/s\"}",
                "name");
        refused(
                "POST",
                "/api/admin/worker-tokens",
                admin,
                "{\"name\":\"x\",\"days\":1e400}",
                "days");
        refused(
                "POST",
                "/api/admin/worker-tokens",
                admin,
                "{\"name\":\"x\",\"days\":99999999999999999999999999}",
                "days");
        refused(
                "POST",
                "/api/admin/worker-tokens",
                admin,
                "{\"name\":\"x\",\"days\":\"7\"}",
                "days");
        refused(
                "POST",
                "/api/search",
                member,
                "{\"mode\":\"fulltext\",\"query\":\"x\",\"limit\":1e400}",
                "limit");
        refused("POST", "/api/search", member, "[1,2]", "body");
    }

    @Test
    void a_wrong_content_type_is_415_problem_naming_the_allowed_type_and_changes_nothing()
            throws Exception {
        String before = Seed.snapshot();
        for (String type :
                new String[] {"text/plain", "application/xml", "multipart/form-data; boundary=x"}) {
            HttpRequest request =
                    HttpRequest.newBuilder(URI.create(server.getURL() + "/api/admin/profiles"))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"name\":\"x\",\"source_folder\":\"/s\"}"))
                            .header("Content-Type", type)
                            .header("Authorization", "Bearer " + admin)
                            .build();
            HttpResponse<String> answer =
                    Api.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(415, answer.statusCode(), type + " -> " + answer.body());
            assertEquals(
                    "application/problem+json",
                    answer.headers().firstValue("Content-Type").orElse(""));
            assertTrue(answer.body().contains("application/json"), answer.body());
            assertTrue(answer.headers().firstValue("WWW-Authenticate").isEmpty());
        }
        assertEquals(before, Seed.snapshot());
    }

    @Test
    void an_overlong_uri_is_414_and_oversize_headers_431_as_problems() throws Exception {
        HttpResponse<String> uri = raw("GET", "/api/profiles/" + "a".repeat(10000), admin, null);
        assertEquals(414, uri.statusCode(), uri.body());
        assertEquals("application/problem+json", uri.headers().firstValue("Content-Type").get());
        assertTrue(uri.body().contains("\"status\":414"), uri.body());
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(server.getURL() + "/api/profiles"))
                        .header("X-Big", "b".repeat(20000))
                        .header("Authorization", "Bearer " + admin)
                        .build();
        HttpResponse<String> headers = Api.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(431, headers.statusCode(), headers.body());
        assertTrue(headers.body().contains("\"status\":431"), headers.body());
        // The service is still answering (on a new connection).
        assertEquals(200, raw("GET", "/api/profiles", admin, null).statusCode());
    }

    @Test
    void an_unknown_path_is_404_and_a_wrong_method_405_for_anyone() throws Exception {
        for (String token : new String[] {admin, "not-a-token"}) {
            HttpResponse<String> unknown = raw("GET", "/api/no-such-thing", token, null);
            assertEquals(404, unknown.statusCode(), unknown.body());
            assertTrue(unknown.body().contains("\"status\":404"), unknown.body());
            HttpResponse<String> method = raw("DELETE", "/api/search", token, null);
            assertEquals(405, method.statusCode(), method.body());
        }
    }

    @Test
    void a_bearer_token_that_is_not_ours_is_401_without_a_call_to_the_identity_provider()
            throws Exception {
        for (String token : new String[] {"not-a-token", "a.b.c", "x".repeat(2000)}) {
            assertEquals(401, raw("GET", "/api/profiles", token, null).statusCode(), token);
        }
        // The provider logs each userinfo request it gets with a token it did not issue.
        assertEquals(List.of(), log.messages("no.nav.security.mock", "/userinfo"));
    }
}
