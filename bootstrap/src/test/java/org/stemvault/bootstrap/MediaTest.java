package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.profile.Profile;
import org.stemvault.postgres.TestDatabase;

/**
 * Media streaming: members only, ranges for seeking, entity tags, and nothing outside a recording's
 * folder.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaTest implements TestPropertyProvider {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Path ROOT = temporaryRoot();

    @Inject EmbeddedServer server;
    @Inject Seed seed;
    @Inject Workers workers;

    String member;
    String stranger;

    static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("stemvault-media");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = StatementCounter.on();
        properties.put("stemvault.media.root", ROOT.resolve("media").toString());
        return properties;
    }

    @BeforeEach
    void seed() throws IOException {
        TestDatabase.truncateAll();
        Path take = Files.createDirectories(ROOT.resolve("media/the band/take-1"));
        Files.writeString(take.resolve("vocals.opus"), "0123456789");
        Files.writeString(take.resolve("vocals_waveform.png"), "png!");
        Files.writeString(ROOT.resolve("secret.txt"), "outside");
        Files.deleteIfExists(take.resolve("escape.opus"));
        Files.createSymbolicLink(take.resolve("escape.opus"), ROOT.resolve("secret.txt"));
        Profile band = seed.profile("the band");
        seed.take(band, "take-1", 0, Seed.stem("vocals", -18.2));
        member = seed.memberOf(band, "member@example.com");
        stranger = seed.token(seed.user("stranger@example.com"));
    }

    HttpResponse<String> get(String path, String token, String... headers) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static final String VOCALS = "/media/the%20band/take-1/vocals.opus";

    @Test
    void a_deleted_recordings_files_are_not_served_while_they_wait_for_removal() throws Exception {
        assertEquals(200, get(VOCALS, member).statusCode());
        assertEquals(
                204,
                Api.call(server, "DELETE", "/api/profiles/the%20band/files/take-1", member, null)
                        .statusCode());
        HttpResponse<String> gone = get(VOCALS, member);
        assertEquals(404, gone.statusCode(), gone.body());
        assertEquals(get("/media/the%20band/take-9/vocals.opus", member).body(), gone.body());
    }

    @Test
    void a_member_gets_the_whole_file_with_its_type_tag_and_private_caching() throws Exception {
        HttpResponse<String> r = get(VOCALS, member);
        assertEquals(200, r.statusCode());
        assertEquals("0123456789", r.body());
        assertEquals(
                "audio/ogg; codecs=opus", r.headers().firstValue("content-type").orElseThrow());
        assertEquals("private", r.headers().firstValue("cache-control").orElseThrow());
        assertEquals("bytes", r.headers().firstValue("accept-ranges").orElseThrow());
        assertTrue(r.headers().firstValue("etag").orElseThrow().startsWith("\""));
        assertEquals(
                "image/png",
                get("/media/the%20band/take-1/vocals_waveform.png", member)
                        .headers()
                        .firstValue("content-type")
                        .orElseThrow());
    }

    @Test
    void byte_ranges_answer_206_with_the_right_content_range() throws Exception {
        HttpResponse<String> middle = get(VOCALS, member, "Range", "bytes=2-5");
        assertEquals(206, middle.statusCode());
        assertEquals("2345", middle.body());
        assertEquals("bytes 2-5/10", middle.headers().firstValue("content-range").orElseThrow());
        assertEquals("4", middle.headers().firstValue("content-length").orElseThrow());

        HttpResponse<String> tail = get(VOCALS, member, "Range", "bytes=-3");
        assertEquals("789", tail.body());
        assertEquals("bytes 7-9/10", tail.headers().firstValue("content-range").orElseThrow());
        assertEquals("789", get(VOCALS, member, "Range", "bytes=7-").body());
        assertEquals("89", get(VOCALS, member, "Range", "bytes=8-100").body());

        HttpResponse<String> beyond = get(VOCALS, member, "Range", "bytes=20-");
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */10", beyond.headers().firstValue("content-range").orElseThrow());
        assertTrue(
                beyond.headers()
                        .firstValue("content-type")
                        .orElse("")
                        .startsWith("application/problem+json"),
                "a 416 explains itself");
        assertTrue(
                beyond.body().contains("\"status\":416") && beyond.body().contains("bytes=20-"),
                beyond.body());
        assertEquals(416, get(VOCALS, member, "Range", "bytes=99999999999999999999-").statusCode());
    }

    /** Whether this class's service sends media as file regions (zero-copy). */
    boolean zeroCopy() {
        return true;
    }

    @Inject io.micrometer.core.instrument.MeterRegistry meters;

    double sentByFileRegion() {
        io.micrometer.core.instrument.Counter c = meters.find("stemvault.media.sendfile").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void ranges_of_a_large_binary_file_are_exact_through_one_kept_alive_connection()
            throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(42).nextBytes(content);
        Files.write(ROOT.resolve("media/the band/take-1/big.wav"), content);
        String big = "/media/the%20band/take-1/big.wav";
        double before = sentByFileRegion();
        long expected = 0;
        HttpClient oneConnection =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long[][] ranges = {
            {0, 0},
            {0, 1048575},
            {1048576, 2097151},
            {content.length - 1, content.length - 1},
            {123_457, 2_999_999},
            {content.length - 10, content.length + 500}
        };
        for (long[] range : ranges) {
            HttpResponse<byte[]> r =
                    oneConnection.send(
                            HttpRequest.newBuilder(URI.create(server.getURL() + big))
                                    .header("Authorization", "Bearer " + member)
                                    .header("Range", "bytes=" + range[0] + "-" + range[1])
                                    .build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            int last = (int) Math.min(range[1], content.length - 1);
            assertEquals(206, r.statusCode());
            assertEquals(
                    "bytes " + range[0] + "-" + last + "/" + content.length,
                    r.headers().firstValue("content-range").orElseThrow());
            assertEquals(
                    java.util.Arrays.toString(
                            java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(
                                            java.util.Arrays.copyOfRange(
                                                    content, (int) range[0], last + 1))),
                    java.util.Arrays.toString(
                            java.security.MessageDigest.getInstance("SHA-256").digest(r.body())),
                    "bytes " + range[0] + "-" + range[1]);
            expected += last + 1 - range[0];
        }
        HttpResponse<byte[]> whole =
                oneConnection.send(
                        HttpRequest.newBuilder(URI.create(server.getURL() + big))
                                .header("Authorization", "Bearer " + member)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertTrue(java.util.Arrays.equals(content, whole.body()));
        assertTrue(whole.headers().firstValue("last-modified").isPresent());
        expected += content.length;
        // A problem answer and a 304 between file answers leave the connection in step.
        assertEquals(
                416,
                oneConnection
                        .send(
                                HttpRequest.newBuilder(URI.create(server.getURL() + big))
                                        .header("Authorization", "Bearer " + member)
                                        .header("Range", "bytes=99999999-")
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode());
        assertEquals("2345", get(VOCALS, member, "Range", "bytes=2-5").body());
        expected += 4;
        // The counter moves when a region's write completes, which can be just after the client
        // has read the last bytes: wait for it (bounded) rather than read it once.
        double want = zeroCopy() ? expected : 0;
        for (int i = 0; i < 50 && sentByFileRegion() - before != want; i++) {
            Thread.sleep(100);
        }
        assertEquals(
                want,
                sentByFileRegion() - before,
                1e-9,
                "every byte by file region when zero-copy is on, none when it is off");
    }

    @Inject StatementCounter counter;

    @Test
    void a_stem_costs_one_statement_the_session_membership_and_recording_together()
            throws Exception {
        counter.statements.set(0);
        // the grant is remembered once the instance hears the database's announcements, which it
        // starts to on the first media request
        HttpResponse<String> first = get(VOCALS, member, "Range", "bytes=0-3");
        assertEquals(206, first.statusCode());
        assertTrue(counter.statements.get() >= 1);
        for (int i = 0; i < 50 && counter.statements.get() > 0; i++) {
            Thread.sleep(50);
            counter.statements.set(0);
            assertEquals(206, get(VOCALS, member, "Range", "bytes=4-7").statusCode());
        }
        // Hearing any change that can take a grant away forgets every grant, whoever it was
        // about: a late announcement of the fixtures' changes heard during a window reads the
        // grant again. So up to three windows; one must go without a statement. Both counted over
        // the same
        // window: a background loop's commit while the grant was being remembered is not this
        // request's.
        int statements = -1;
        int ends = -1;
        for (int window = 0; window < 3 && statements != 0; window++) {
            counter.statements.set(0);
            counter.ends.set(0);
            for (int i = 0; i < 5; i++) {
                assertEquals("4567", get(VOCALS, member, "Range", "bytes=4-7").body());
            }
            statements = counter.statements.getAndSet(0);
            ends = counter.ends.get();
        }
        assertEquals(0, statements, "the grant is remembered");
        assertEquals(0, ends, "no transaction, no COMMIT");
        assertEquals(404, get(VOCALS, stranger, "Range", "bytes=4-7").statusCode());
        assertEquals(404, get(VOCALS, stranger, "Range", "bytes=4-7").statusCode());
        assertEquals(2, counter.statements.get(), "a refusal is read every time");
    }

    /** Until the member's ranges are refused (or 5 s): answers the last status. */
    int refusedWithin(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int last;
        do {
            last = get(VOCALS, member, "Range", "bytes=0-3").statusCode();
        } while (last != status && System.nanoTime() < deadline);
        return last;
    }

    @Test
    void a_remembered_grant_ends_with_the_session_at_once() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(206, get(VOCALS, member, "Range", "bytes=0-3").statusCode());
        }
        assertEquals(200, get("/auth/logout", member).statusCode());
        assertEquals(401, get(VOCALS, member, "Range", "bytes=0-3").statusCode());
    }

    @Test
    void a_remembered_grant_ends_when_another_instance_takes_the_membership_away()
            throws Exception {
        for (int i = 0; i < 5; i++) {
            assertEquals(206, get(VOCALS, member, "Range", "bytes=0-3").statusCode());
        }
        // another instance's change: only the database's notification tells this one
        try (var c = TestDatabase.connect();
                var s = c.createStatement()) {
            s.execute("DELETE FROM user_profiles");
        }
        assertEquals(404, refusedWithin(404));
    }

    @Test
    void a_matching_entity_tag_is_304_and_a_changed_file_is_sent_again() throws Exception {
        String etag = get(VOCALS, member).headers().firstValue("etag").orElseThrow();
        HttpResponse<String> same = get(VOCALS, member, "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals("", same.body());

        Path file = ROOT.resolve("media/the band/take-1/vocals.opus");
        Files.writeString(file, "changed content");
        Files.setLastModifiedTime(
                file,
                java.nio.file.attribute.FileTime.from(Instant.now().plus(Duration.ofMinutes(1))));
        assertEquals(200, get(VOCALS, member, "If-None-Match", etag).statusCode());
    }

    /** A request line as an attacker writes it, bypassing any client-side normalisation. */
    int rawStatus(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.getPort())) {
            socket.getOutputStream()
                    .write(
                            ("GET "
                                            + path
                                            + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                            + member
                                            + "\r\nConnection: close\r\n\r\n")
                                    .getBytes(StandardCharsets.US_ASCII));
            String status =
                    new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    @Test
    void no_path_leaves_the_recordings_folder() throws Exception {
        for (String path :
                List.of(
                        "/media/the%20band/take-1/../../secret.txt",
                        "/media/the%20band/take-1/%2e%2e/%2e%2e/secret.txt",
                        "/media/the%20band/take-1/%2E%2E%2F%2E%2E%2Fsecret.txt",
                        "/media/the%20band/take-1/%2Fetc%2Fpasswd",
                        "/media/the%20band/take-1//etc/passwd",
                        "/media/the%20band/%2e%2e/take-1/vocals.opus",
                        "/media/the%20band/take-1/escape.opus",
                        "/media/the%20band/take-1/..%5C..%5Csecret.txt")) {
            assertEquals(404, rawStatus(path), path);
        }
        assertEquals(200, rawStatus(VOCALS));
    }

    @Test
    void strangers_get_what_a_missing_file_gets_workers_403_and_anonymous_callers_401()
            throws Exception {
        HttpResponse<String> forbidden = get(VOCALS, stranger);
        HttpResponse<String> missing = get("/media/no%20band/take-1/vocals.opus", stranger);
        assertEquals(404, forbidden.statusCode());
        assertEquals(missing.body(), forbidden.body());
        assertEquals(404, get("/media/the%20band/take-1/drums.opus", member).statusCode());
        assertEquals(403, get(VOCALS, workers.mint("w", Duration.ofDays(1)).bearer()).statusCode());
        assertEquals(401, get(VOCALS, null).statusCode());
    }
}
