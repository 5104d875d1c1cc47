package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.files.legacy.LegacyFixture;
import org.stemvault.postgres.TestDatabase;

/**
 * Google Drive against a stand-in Drive ({@link StandInDrive}) and the development identity
 * provider: consent (incremental, offline, PKCE, state in the database), the refresh token sealed
 * at rest, connect, browse with pages and below the folder only, import as an upload and once, new
 * files arriving through notifications once across two instances, forged and replayed
 * notifications, a revoked grant, rate limits, a file changed mid-import, disconnection.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DriveTest implements TestPropertyProvider {

    static final int PORT = Api.freePort();
    static final Path MEDIA = JobsTest.tempDir();
    static final String KEY = Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'B');
    static final ObjectMapper JSON = new ObjectMapper();
    static final StandInDrive DRIVE = drive();

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    Profile band;
    String member;
    String other;
    String stranger;
    String admin;

    static StandInDrive drive() {
        try {
            return new StandInDrive(TestOidc.issuer());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = withDrive(PORT, DRIVE);
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.metrics.token", "drive-scrape-token-0123456789");
        properties.put("stemvault.drive.list-interval", "200ms");
        return properties;
    }

    /**
     * The service on {@code port} with Drive on, at the stand-in: channels to its own webhook,
     * maintained every 200 ms, Drive's refusals waited out in milliseconds.
     */
    static Map<String, String> withDrive(int port, StandInDrive drive) {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", String.valueOf(port));
        properties.put("stemvault.drive.token-keys", "k1:" + KEY);
        properties.put("stemvault.drive.api-url", drive.root());
        properties.put(
                "stemvault.drive.webhook-url", "http://127.0.0.1:" + port + "/api/webhooks/drive");
        properties.put("stemvault.drive.maintain-interval", "200ms");
        properties.put("stemvault.drive.first-backoff", "10ms");
        properties.put("stemvault.drive.most-backoff", "40ms");
        return properties;
    }

    @AfterAll
    void stopDrive() {
        DRIVE.close();
    }

    @BeforeEach
    void world() {
        seed.reset();
        DRIVE.reset();
        band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        other = seed.memberOf(band, "other@example.com");
        stranger = seed.token(seed.user("stranger@example.com"));
        admin = seed.token(seed.admin("admin@example.com"));
        DRIVE.folder("root1", "Rehearsals", "mydrive");
        DRIVE.folder("sub1", "March", "root1");
        DRIVE.folder("elsewhere", "Private", "mydrive");
        DRIVE.file("take1", "Take 1.wav", "root1", LegacyFixture.wav(0.30, 8000));
        DRIVE.file("notes", "notes.pdf", "root1", "%PDF-1.4".getBytes(StandardCharsets.UTF_8));
        DRIVE.file("deep", "Deep.wav", "sub1", LegacyFixture.wav(0.31, 8000));
        DRIVE.file("secret", "Secret.wav", "elsewhere", LegacyFixture.wav(0.32, 8000));
    }

    HttpResponse<String> call(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    /** The member grants Drive access at the provider, as a browser would. */
    void consent(String email, String token) {
        Browser browser = new Browser();
        HttpResponse<String> start = browser.get(server.getURL() + "/auth/drive/connect", token);
        assertEquals(302, start.statusCode(), start.body());
        String authorize = Browser.location(start);
        assertTrue(authorize.startsWith(TestOidc.issuer() + "/authorize?"), authorize);
        for (String parameter :
                List.of(
                        "scope=openid%20email%20https://www.googleapis.com/auth/drive.readonly",
                        "access_type=offline",
                        "include_granted_scopes=true",
                        "state=",
                        "nonce=",
                        "code_challenge=",
                        "code_challenge_method=S256")) {
            assertTrue(
                    URLDecoder(authorize).contains(URLDecoder(parameter)),
                    "the consent asks with " + parameter + ": " + authorize);
        }
        HttpResponse<String> granted =
                browser.postForm(
                        authorize,
                        Map.of("username", email, "claims", SignInTest.claims(email, true, "M")));
        assertEquals(302, granted.statusCode());
        String callback = Browser.location(granted);
        assertTrue(callback.startsWith(server.getURL() + "/auth/drive/callback?"), callback);
        HttpResponse<String> back = browser.get(callback, token);
        assertEquals(302, back.statusCode(), back.body());
        assertEquals(TestApp.FRONTEND + "?drive=connected", Browser.location(back));
        // the state was taken: the same callback again is refused
        assertEquals(
                TestApp.FRONTEND + "?drive_error=invalid",
                Browser.location(browser.get(callback, token)));
    }

    private static String URLDecoder(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%20"), StandardCharsets.UTF_8);
    }

    /** The member connects Drive and the folder {@code root1} to the band. */
    void connected() throws Exception {
        consent("member@example.com", member);
        HttpResponse<String> patch =
                call(
                        "PATCH",
                        "/api/profiles/band/drive-folder",
                        member,
                        "{\"google_drive_folder_id\":"
                                + " \"https://drive.google.com/drive/folders/root1?usp=sharing\"}");
        assertEquals(200, patch.statusCode(), patch.body());
        assertEquals("root1", json(patch).path("google_drive_folder_id").asText());
        assertNotNull(java.time.Instant.parse(json(patch).path("updated_at").asText()));
    }

    /** Waits for the folder's channel: opened at Drive and kept by the service. */
    static void channelOpen() throws InterruptedException {
        eventually(
                "a watch channel",
                () ->
                        DRIVE.channels.size() == 1
                                && count("SELECT count(*) FROM drive_channels WHERE NOT stopping")
                                        == 1);
    }

    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within 15 s: " + what);
            }
            Thread.sleep(50);
        }
    }

    static long count(String sql) {
        return TestDatabase.number(sql);
    }

    static String text(String sql) {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    long sources() throws Exception {
        try (Stream<Path> files = Files.walk(MEDIA)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_folder_is_connected_only_after_consent_and_the_token_is_sealed() throws Exception {
        HttpResponse<String> early =
                call(
                        "PATCH",
                        "/api/profiles/band/drive-folder",
                        member,
                        "{\"google_drive_folder_id\": \"root1\"}");
        assertEquals(409, early.statusCode(), "no Drive grant yet: " + early.body());
        assertTrue(early.body().contains("/auth/drive/connect"), early.body());
        assertFalse(json(call("GET", "/api/drive", member, null)).path("connected").asBoolean());

        connected();

        JsonNode status = json(call("GET", "/api/drive", member, null));
        assertTrue(status.path("connected").asBoolean(), status.toString());
        assertEquals("root1", status.path("folders").path(0).asText());
        assertFalse(status.toString().contains("refresh"), "no token in an answer: " + status);
        JsonNode profile = json(call("GET", "/api/profiles/band", member, null));
        assertEquals("root1", profile.path("google_drive_folder_id").asText());
        assertEquals("connected", profile.path("drive_status").asText());

        // at rest: sealed under k1, the provider's refresh token nowhere in the row
        String sealed = text("SELECT key_id || ' ' || sealed_token FROM drive_grants");
        assertTrue(sealed.startsWith("k1 "), sealed);
        String row = text("SELECT t::text FROM drive_grants t");
        assertFalse(row.contains("eyJ"), "a JWT-shaped refresh token must not be stored: " + row);

        // a channel is opened for the folder, with a token only Drive and the service know
        channelOpen();
        StandInDrive.Channel channel = DRIVE.channels.values().iterator().next();
        assertEquals("http://127.0.0.1:" + PORT + "/api/webhooks/drive", channel.address());
        assertFalse(
                text("SELECT token_hash FROM drive_channels").contains(channel.token()),
                "only the token's hash is kept");

        // bad input: not a folder, an unreadable folder, a malformed one, a stranger
        for (String bad : List.of("\"take1\"", "\"nope\"", "\"../../x\"", "42", "\"\"")) {
            HttpResponse<String> refused =
                    call(
                            "PATCH",
                            "/api/profiles/band/drive-folder",
                            member,
                            "{\"google_drive_folder_id\": " + bad + "}");
            assertEquals(400, refused.statusCode(), bad + " " + refused.body());
            assertTrue(refused.body().contains("google_drive_folder_id"), refused.body());
        }
        assertEquals(
                404,
                call(
                                "PATCH",
                                "/api/profiles/band/drive-folder",
                                stranger,
                                "{\"google_drive_folder_id\": \"root1\"}")
                        .statusCode());
        // another member may not take over the folder; an admin may replace it
        consent("other@example.com", other);
        assertEquals(
                403,
                call(
                                "PATCH",
                                "/api/profiles/band/drive-folder",
                                other,
                                "{\"google_drive_folder_id\": \"sub1\"}")
                        .statusCode());
        assertEquals(
                403, call("DELETE", "/api/profiles/band/drive-folder", other, null).statusCode());
    }

    @Test
    void the_folder_is_browsed_by_pages_and_never_above_it() throws Exception {
        connected();
        DRIVE.pageSize = 2;
        JsonNode first = json(call("GET", "/api/profiles/band/drive/contents", member, null));
        assertEquals("sub1", first.path("files").path(0).path("id").asText(), first.toString());
        assertTrue(first.path("files").path(0).path("is_folder").asBoolean());
        String next = first.path("nextPageToken").asText();
        assertFalse(next.isEmpty(), first.toString());
        JsonNode second =
                json(
                        call(
                                "GET",
                                "/api/profiles/band/drive/contents?page_token=" + next,
                                member,
                                null));
        // notes.pdf is no audio: not shown
        assertEquals(0, second.path("files").size(), second.toString());
        assertTrue(second.path("nextPageToken").isNull(), second.toString());
        JsonNode take = first.path("files").path(1);
        assertEquals("take1", take.path("id").asText());
        assertEquals("Take 1.wav", take.path("name").asText());
        assertEquals("audio/wav", take.path("mimeType").asText());
        assertFalse(take.path("is_imported").asBoolean());
        assertTrue(take.path("recording_name").isNull());
        assertEquals("root1", take.path("parent_id").asText());

        JsonNode below =
                json(call("GET", "/api/profiles/band/drive/contents?folder_id=sub1", member, null));
        assertEquals("deep", below.path("files").path(0).path("id").asText());
        // a folder outside the connected one answers as a missing one
        assertEquals(
                404,
                call("GET", "/api/profiles/band/drive/contents?folder_id=elsewhere", member, null)
                        .statusCode());
        assertEquals(
                404,
                call("GET", "/api/profiles/band/drive/contents?folder_id=mydrive", member, null)
                        .statusCode());
        assertEquals(
                400,
                call("GET", "/api/profiles/band/drive/contents?folder_id=a%27b", member, null)
                        .statusCode());
        // another member browses the folder with the connector's grant
        assertEquals(
                200, call("GET", "/api/profiles/band/drive/contents", other, null).statusCode());
        assertEquals(
                404, call("GET", "/api/profiles/band/drive/contents", stranger, null).statusCode());
    }

    static String importBody(String id) {
        return "{\"file_id\": \""
                + id
                + "\", \"file_name\": \"Take 1.wav\", \"file_size\": 1,"
                + " \"modified_time\": \"2026-01-01T00:00:00Z\", \"parent_id\": \"root1\"}";
    }

    @Test
    void a_file_is_imported_as_an_upload_once() throws Exception {
        connected();
        HttpResponse<String> imported =
                call("POST", "/api/profiles/band/drive/import", other, importBody("take1"));
        assertEquals(201, imported.statusCode(), imported.body() + DRIVE.requests);
        JsonNode body = json(imported);
        assertEquals("processing", body.path("status").asText());
        String outputName = body.path("output_name").asText();
        assertTrue(outputName.startsWith("Take-1_"), outputName);
        // listed at once, queued as an upload
        HttpResponse<String> files = call("GET", "/api/profiles/band/files", member, null);
        assertTrue(files.body().contains(outputName), files.body());
        assertEquals(1, count("SELECT count(*) FROM jobs WHERE status = 'queued'"));
        JsonNode listing = json(call("GET", "/api/profiles/band/drive/contents", member, null));
        JsonNode take = listing.path("files").path(1);
        assertTrue(take.path("is_imported").asBoolean(), listing.toString());
        assertEquals(outputName, take.path("recording_name").asText());

        HttpResponse<String> again =
                call("POST", "/api/profiles/band/drive/import", member, importBody("take1"));
        assertEquals(409, again.statusCode(), again.body());
        assertTrue(again.body().contains(outputName), again.body());

        // the same bytes under another Drive file: recognised by its hash, as uploads are
        DRIVE.file("copy", "Copy.wav", "root1", DRIVE.item("take1").content());
        HttpResponse<String> copy =
                call("POST", "/api/profiles/band/drive/import", member, importBody("copy"));
        assertEquals(200, copy.statusCode(), copy.body());
        assertEquals(outputName, json(copy).path("output_name").asText());
        assertEquals(1, count("SELECT count(*) FROM jobs"));

        // refusals: a folder, no audio, outside the folder, unknown, bad fields
        assertEquals(
                400,
                call("POST", "/api/profiles/band/drive/import", member, importBody("sub1"))
                        .statusCode());
        assertEquals(
                415,
                call("POST", "/api/profiles/band/drive/import", member, importBody("notes"))
                        .statusCode());
        assertEquals(
                404,
                call("POST", "/api/profiles/band/drive/import", member, importBody("secret"))
                        .statusCode());
        assertEquals(
                404,
                call("POST", "/api/profiles/band/drive/import", member, importBody("gone"))
                        .statusCode());
        for (String[] bad :
                new String[][] {
                    {"\"file_size\": 1", "\"file_size\": -1", "file_size"},
                    {"2026-01-01T00:00:00Z", "yesterday", "modified_time"},
                    {"\"file_name\": \"Take 1.wav\"", "\"file_name\": 7", "file_name"}
                }) {
            HttpResponse<String> refused =
                    call(
                            "POST",
                            "/api/profiles/band/drive/import",
                            member,
                            importBody("deep").replace(bad[0], bad[1]));
            assertEquals(400, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains(bad[2]), refused.body());
        }
        assertEquals(1, count("SELECT count(*) FROM recordings"));
    }

    @Test
    void rate_limits_are_waited_out_and_a_file_changed_mid_import_fails_cleanly() throws Exception {
        connected();
        DRIVE.failures.set(2);
        DRIVE.failStatus = 403;
        DRIVE.failReason = "userRateLimitExceeded";
        int before = DRIVE.requests.size();
        HttpResponse<String> imported =
                call("POST", "/api/profiles/band/drive/import", member, importBody("take1"));
        assertEquals(201, imported.statusCode(), imported.body());
        assertTrue(DRIVE.requests.size() - before >= 4, "two refusals, then the calls");
        DRIVE.failures.set(1);
        DRIVE.failStatus = 503;
        assertEquals(
                200, call("GET", "/api/profiles/band/drive/contents", member, null).statusCode());
        DRIVE.failures.set(50);
        DRIVE.failStatus = 429;
        HttpResponse<String> givenUp =
                call("GET", "/api/profiles/band/drive/contents", member, null);
        assertEquals(503, givenUp.statusCode(), "Drive kept refusing: " + givenUp.body());
        DRIVE.failures.set(0);

        long files = sources();
        DRIVE.midDownload = () -> DRIVE.change("deep", LegacyFixture.wav(0.4, 8000));
        HttpResponse<String> changed =
                call("POST", "/api/profiles/band/drive/import", member, importBody("deep"));
        assertEquals(409, changed.statusCode(), changed.body());
        assertTrue(changed.body().contains("changed or deleted"), changed.body());
        DRIVE.file("bin", "Binned.wav", "root1", LegacyFixture.wav(0.42, 8000));
        DRIVE.midDownload = () -> DRIVE.trash("bin");
        HttpResponse<String> binned =
                call("POST", "/api/profiles/band/drive/import", member, importBody("bin"));
        assertEquals(409, binned.statusCode(), "deleted mid-import: " + binned.body());
        DRIVE.file("cut", "Cut.wav", "root1", LegacyFixture.wav(0.45, 8000));
        DRIVE.cutShort = "cut";
        HttpResponse<String> cut =
                call("POST", "/api/profiles/band/drive/import", member, importBody("cut"));
        assertEquals(409, cut.statusCode(), cut.body());
        assertEquals(files, sources(), "nothing left behind");
        assertEquals(1, count("SELECT count(*) FROM recordings"));
        assertEquals(3, count("SELECT count(*) FROM drive_imports WHERE outcome = 'failed'"));
        // the changed file, at its new modified time, imports
        DRIVE.cutShort = null;
        assertEquals(
                201,
                call("POST", "/api/profiles/band/drive/import", member, importBody("deep"))
                        .statusCode());
    }

    @Test
    void a_new_file_arrives_once_however_many_instances_hear_of_it() throws Exception {
        Map<String, Object> second = new HashMap<>(getProperties());
        second.put("micronaut.server.port", -1);
        try (EmbeddedServer other = ApplicationContext.run(EmbeddedServer.class, second)) {
            connected();
            channelOpen();
            StandInDrive.Channel channel = DRIVE.channels.values().iterator().next();
            String here = "http://127.0.0.1:" + PORT + "/api/webhooks/drive";
            String there = other.getURL() + "/api/webhooks/drive";
            assertEquals(200, DRIVE.notify(channel, here, "sync"));

            DRIVE.file("new1", "New take.wav", "root1", LegacyFixture.wav(0.5, 8000));
            DRIVE.file("new2", "Elsewhere.wav", "elsewhere", LegacyFixture.wav(0.55, 8000));
            DRIVE.file("new3", "Deeper.wav", "sub1", LegacyFixture.wav(0.6, 8000));
            for (int i = 0; i < 3; i++) {
                assertEquals(200, DRIVE.notify(channel, here, "change"));
                assertEquals(200, DRIVE.notify(channel, there, "change"));
            }
            eventually(
                    "the two new takes of the folder imported",
                    () -> count("SELECT count(*) FROM recordings") == 2);
            Thread.sleep(600); // every instance's scheduled listing has run again meanwhile
            assertEquals(2, count("SELECT count(*) FROM recordings"));
            assertEquals(2, count("SELECT count(*) FROM jobs"));
            assertEquals(2, count("SELECT count(*) FROM drive_imports WHERE outcome = 'imported'"));
            assertEquals(
                    0,
                    count("SELECT count(*) FROM drive_imports WHERE file_id = 'new2'"),
                    "a file outside the folder is not imported");
            // earlier files of the folder are not imported by themselves: only what is new
            assertEquals(0, count("SELECT count(*) FROM drive_imports WHERE file_id = 'take1'"));

            // forged: a wrong token, an unknown channel, no headers — as an unknown route
            HttpResponse<String> unknownRoute = call("POST", "/api/webhooks/nothing", null, null);
            String snapshot = Seed.snapshot();
            DRIVE.file("new4", "Forged.wav", "root1", LegacyFixture.wav(0.65, 8000));
            int[] forged = {
                DRIVE.post(here, channel.id(), "not-the-token", channel.resourceId(), "change"),
                DRIVE.post(here, "no-such-channel", channel.token(), null, "change"),
                DRIVE.post(here, null, null, null, "change"),
                DRIVE.post(here, channel.id(), null, null, "change")
            };
            for (int status : forged) {
                assertEquals(unknownRoute.statusCode(), status);
            }
            HttpResponse<String> forgedAnswer =
                    Api.call(
                            server,
                            "POST",
                            "/api/webhooks/drive",
                            null,
                            null,
                            "X-Goog-Channel-ID",
                            channel.id(),
                            "X-Goog-Channel-Token",
                            "wrong");
            assertEquals(unknownRoute.statusCode(), forgedAnswer.statusCode());
            assertEquals(
                    unknownRoute.body(),
                    forgedAnswer.body(),
                    "a forged notification is answered as a route that does not exist");
            Thread.sleep(600);
            assertEquals(snapshot, Seed.snapshot(), "a forged notification changes nothing");
            assertEquals(
                    0, count("SELECT count(*) FROM drive_folders WHERE marked_at IS NOT NULL"));
        }
    }

    @Test
    void a_revoked_grant_shows_the_folder_disconnected_and_is_not_retried() throws Exception {
        connected();
        channelOpen();
        // the member revokes the app's access in their Google account
        String refresh = refreshToken();
        HttpResponse<String> revoked =
                Api.HTTP.send(
                        java.net.http.HttpRequest.newBuilder(
                                        URI.create(TestOidc.issuer() + "/revoke"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "token="
                                                        + URLEncoder.encode(
                                                                refresh, StandardCharsets.UTF_8)
                                                        + "&token_type_hint=refresh_token"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());
        // a cached access token still works until it is refused: force the refresh
        // Google revokes the access tokens of a revoked grant with it
        DRIVE.refuseIssuedUpTo = java.time.Instant.now().getEpochSecond();
        HttpResponse<String> refused =
                call("GET", "/api/profiles/band/drive/contents", member, null);
        assertEquals(409, refused.statusCode(), refused.body());
        assertNotNull(text("SELECT revoked_at FROM drive_grants"));
        JsonNode profile = json(call("GET", "/api/profiles/band", other, null));
        assertEquals("disconnected", profile.path("drive_status").asText());
        assertTrue(profile.path("google_drive_folder_id").isNull());
        assertTrue(json(call("GET", "/api/drive", member, null)).path("revoked").asBoolean());
        int requests = DRIVE.requests.size();
        Thread.sleep(800); // four rounds of channel maintenance and listing
        assertEquals(requests, DRIVE.requests.size(), "a revoked grant is not retried");
        // connecting Drive again restores it
        consent("member@example.com", member);
        assertEquals(
                "connected",
                json(call("GET", "/api/profiles/band", other, null)).path("drive_status").asText());
    }

    @Test
    void disconnecting_stops_the_channel_and_revokes_the_token() throws Exception {
        connected();
        channelOpen();
        String refresh = refreshToken();
        HttpResponse<String> gone = call("DELETE", "/api/drive", member, null);
        assertEquals(200, gone.statusCode(), gone.body());
        assertTrue(json(gone).path("revoked_at_google").asBoolean(), gone.body());
        assertEquals(0, DRIVE.channels.size(), "the channel was stopped at Drive");
        assertEquals(0, count("SELECT count(*) FROM drive_grants"));
        assertEquals(0, count("SELECT count(*) FROM drive_folders"));
        assertEquals(0, count("SELECT count(*) FROM drive_channels"));
        HttpResponse<String> refreshed =
                Api.HTTP.send(
                        java.net.http.HttpRequest.newBuilder(
                                        URI.create(TestOidc.issuer() + "/token"))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(
                                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                                "grant_type=refresh_token&client_id="
                                                        + TestOidc.CLIENT_ID
                                                        + "&client_secret="
                                                        + TestOidc.CLIENT_SECRET
                                                        + "&refresh_token="
                                                        + URLEncoder.encode(
                                                                refresh, StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refreshed.statusCode(), "revoked at the provider: " + refreshed.body());
        assertTrue(
                json(call("GET", "/api/profiles/band", member, null))
                        .path("drive_status")
                        .isNull());
        assertEquals(404, call("DELETE", "/api/drive", member, null).statusCode());
        // a folder disconnected by its connector
        connected();
        assertEquals(
                204, call("DELETE", "/api/profiles/band/drive-folder", member, null).statusCode());
        assertEquals(
                404, call("GET", "/api/profiles/band/drive/contents", member, null).statusCode());
    }

    @Test
    void the_metrics_show_folders_channels_and_imports() throws Exception {
        connected();
        channelOpen();
        call("POST", "/api/profiles/band/drive/import", member, importBody("take1"));
        HttpResponse<String> scraped =
                Api.call(server, "GET", "/prometheus", "drive-scrape-token-0123456789", null);
        assertEquals(200, scraped.statusCode());
        String metrics = scraped.body();
        assertTrue(metrics.contains("stemvault_drive_folders_connected 1.0"), metrics);
        assertTrue(metrics.contains("stemvault_drive_channels_expiring 0.0"), metrics);
        assertTrue(metrics.contains("stemvault_drive_imports{outcome=\"imported\"} 1.0"), metrics);
        assertTrue(metrics.contains("stemvault_drive_imports{outcome=\"failed\"} 0.0"), metrics);
    }

    /** The member's refresh token, opened with the test key (as an operator holding it could). */
    String refreshToken() {
        return server.getApplicationContext()
                .getBean(org.stemvault.application.drive.DriveAccounts.class)
                .token(seedUser("member@example.com"));
    }

    org.stemvault.domain.user.UserId seedUser(String email) {
        return new org.stemvault.domain.user.UserId(
                java.util.UUID.fromString(
                        text("SELECT id::text FROM users WHERE email = '" + email + "'")));
    }
}
