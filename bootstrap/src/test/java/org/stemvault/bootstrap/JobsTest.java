package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * An upload becomes a job; a worker claims it, reads the source, writes its outputs and completes
 * it; the recording appears in the files list and plays. Long-polls wake across instances.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobsTest implements TestPropertyProvider {

    static final Path MEDIA = tempDir();
    static final long LIMIT = 300_000;

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    String member;
    String stranger;
    String worker;
    String admin;

    static Path tempDir() {
        try {
            return Files.createTempDirectory("stemvault-jobs");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.jobs.max-upload-bytes", String.valueOf(LIMIT));
        properties.put("stemvault.jobs.backoff", "0s");
        properties.put("stemvault.jobs.max-attempts", "2");
        return properties;
    }

    /** The same settings on a port of its own: another instance on the same database and media. */
    Map<String, Object> secondInstance() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.put("micronaut.server.port", -1);
        return properties;
    }

    Profile band;

    @BeforeEach
    void world() {
        seed.reset();
        band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        stranger = seed.token(seed.user("stranger@example.com"));
        admin = seed.token(seed.admin("admin@example.com"));
        worker = seed.worker("pull").bearer();
    }

    HttpResponse<String> call(String method, String path, String token, String json)
            throws Exception {
        return Api.call(server, method, path, token, json);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    /** Puts every file {@link #completion} names through the job's outputs, as a worker does. */
    static void outputs(EmbeddedServer server, String worker, String jobId) throws Exception {
        for (String type : new String[] {"vocals", "drums", "bass", "other"}) {
            for (String file : new String[] {type + ".opus", type + "_waveform.png"}) {
                assertEquals(
                        201,
                        Api.call(
                                        server,
                                        "PUT",
                                        "/api/worker/jobs/" + jobId + "/outputs/" + file,
                                        worker,
                                        "FILE!")
                                .statusCode(),
                        file);
            }
        }
    }

    static String completion() {
        StringBuilder stems = new StringBuilder();
        for (String type : new String[] {"vocals", "drums", "bass", "other"}) {
            stems.append(stems.length() == 0 ? "" : ",")
                    .append("{\"stem_type\":\"")
                    .append(type)
                    .append(
                            "\",\"measured_lufs\":-20.5,\"peak_amplitude\":0.8,\"stem_gain_adjustment_db\":-2.5,")
                    .append("\"audio_url\":\"")
                    .append(type)
                    .append(".opus\",\"waveform_url\":\"")
                    .append(type)
                    .append("_waveform.png\",\"file_size_bytes\":5,\"duration_seconds\":0.5}");
        }
        return "{\"stems\":[" + stems + "]}";
    }

    @Test
    void an_upload_is_separated_by_a_pull_worker_and_the_recording_plays() throws Exception {
        byte[] wav = LegacyFixture.wav(0.5, 8000);
        HttpResponse<String> uploaded =
                Api.upload(server, "/api/upload/band", member, "Tuesday Jam!.wav", wav);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        String sha = LegacyFixture.sha256Hex(wav);
        String jobId = field(uploaded.body(), "job_id");
        assertEquals(
                "{\"job_id\":\""
                        + jobId
                        + "\",\"profile_name\":\"band\",\"output_name\":\"Tuesday-Jam_"
                        + sha.substring(0, 8)
                        + "\",\"filename\":\"Tuesday Jam!.wav\",\"status\":\"processing\","
                        + "\"stems\":null,\"error\":null,\"stage\":null,\"percent\":null,"
                        + "\"recording_id\":\""
                        + field(uploaded.body(), "recording_id")
                        + "\",\"message\":null}",
                uploaded.body());
        assertTrue(
                Files.isRegularFile(
                        MEDIA.resolve("inputs/band/Tuesday-Jam_" + sha.substring(0, 8) + ".wav")));

        HttpResponse<String> again =
                Api.upload(server, "/api/upload/band", member, "Tuesday Jam!.wav", wav);
        assertEquals(
                jobId, field(again.body(), "job_id"), "the same take again answers the same job");

        HttpResponse<String> claim = call("POST", "/api/worker/jobs/claim", worker, null);
        assertEquals(200, claim.statusCode(), claim.body());
        assertEquals(jobId, field(claim.body(), "job_id"));
        assertEquals(
                204,
                call("POST", "/api/worker/jobs/claim", worker, null).statusCode(),
                "one job, one claim");
        HttpResponse<byte[]> source =
                Api.HTTP.send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create(
                                                server.getURL()
                                                        + field(claim.body(), "source_url")))
                                .header("Authorization", "Bearer " + worker)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(
                java.util.Arrays.equals(wav, source.body()), "the worker reads the uploaded bytes");

        HttpResponse<String> progress =
                call(
                        "POST",
                        "/api/worker/jobs/" + jobId + "/heartbeat",
                        worker,
                        "{\"stage\":\"separating\",\"percent\":40}");
        assertEquals(200, progress.statusCode(), progress.body());
        assertEquals(
                "\"separating\"",
                "\""
                        + field(
                                call("GET", "/api/jobs/" + jobId + "/status?wait=0", member, null)
                                        .body(),
                                "stage")
                        + "\"");
        HttpResponse<String> early =
                call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion());
        assertEquals(400, early.statusCode(), "no stem of it is in the store yet: " + early.body());
        assertTrue(early.body().contains("\"field\":\"stems[0].audio_url\""), early.body());
        outputs(server, worker, jobId);
        HttpResponse<String> done =
                call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion());
        assertEquals(200, done.statusCode(), done.body());
        HttpResponse<String> replay =
                call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion());
        assertEquals(200, replay.statusCode(), "a replayed completion changes nothing");

        HttpResponse<String> status = call("GET", "/api/jobs/" + jobId + "/status", member, null);
        assertTrue(
                status.body()
                        .contains(
                                "\"status\":\"complete\",\"stems\":[\"vocals\",\"drums\",\"bass\",\"other\"]"),
                status.body());
        HttpResponse<String> files = call("GET", "/api/profiles/band/files", member, null);
        assertTrue(
                files.body().contains("\"name\":\"Tuesday-Jam_" + sha.substring(0, 8) + "\""),
                files.body());
        HttpResponse<String> media =
                call(
                        "GET",
                        "/media/band/Tuesday-Jam_" + sha.substring(0, 8) + "/vocals.opus",
                        member,
                        null);
        assertEquals(200, media.statusCode());
        assertEquals("FILE!", media.body());
        assertEquals(
                404,
                call("GET", "/api/jobs/" + jobId + "/status?wait=0", stranger, null).statusCode());
    }

    @Test
    void a_deleted_users_token_is_401_on_a_job_its_events_and_a_file() throws Exception {
        byte[] wav = LegacyFixture.wav(0.5, 8000);
        HttpResponse<String> uploaded =
                Api.upload(server, "/api/upload/band", member, "Gone.wav", wav);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        String jobId = field(uploaded.body(), "job_id");
        String file = "/api/profiles/band/files/" + field(uploaded.body(), "output_name");
        assertEquals(
                200,
                call("GET", "/api/jobs/" + jobId + "/status?wait=0", member, null).statusCode());
        assertEquals(200, call("GET", file, member, null).statusCode());
        try (java.sql.Connection c = org.stemvault.postgres.TestDatabase.connect();
                java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM users WHERE email = 'member@example.com'");
        }
        for (String path :
                new String[] {
                    "/api/jobs/" + jobId + "/status?wait=0",
                    "/api/jobs/" + jobId + "/events?max=0",
                    "/api/jobs/" + UUID.randomUUID() + "/status?wait=0",
                    file,
                    "/api/profiles/band/files/Nothing-Here"
                }) {
            HttpResponse<String> refused = call("GET", path, member, null);
            assertEquals(401, refused.statusCode(), path + " " + refused.body());
        }
        assertEquals(
                404,
                call("GET", "/api/jobs/" + UUID.randomUUID() + "/status?wait=0", admin, null)
                        .statusCode(),
                "a known caller still hears 404 for a missing job");
    }

    @Test
    void worker_routes_check_the_caller_first_and_a_non_holder_learns_nothing_of_the_outputs()
            throws Exception {
        for (String caller : new String[] {member, admin, stranger}) {
            for (String action : new String[] {"release", "heartbeat", "complete", "fail"}) {
                for (String id : new String[] {"not-a-uuid", UUID.randomUUID().toString()}) {
                    HttpResponse<String> refused =
                            call("POST", "/api/worker/jobs/" + id + "/" + action, caller, "{}");
                    assertEquals(
                            403, refused.statusCode(), action + " " + id + " " + refused.body());
                }
            }
        }
        String jobId =
                field(
                        Api.upload(
                                        server,
                                        "/api/upload/band",
                                        member,
                                        "held.wav",
                                        LegacyFixture.wav(0.33, 8000))
                                .body(),
                        "job_id");
        assertEquals(200, call("POST", "/api/worker/jobs/claim", worker, null).statusCode());
        String other = seed.worker("other").bearer();
        HttpResponse<String> notHeld =
                call("POST", "/api/worker/jobs/" + jobId + "/complete", other, completion());
        assertEquals(409, notHeld.statusCode(), notHeld.body());
        assertFalse(notHeld.body().contains("audio_url"), notHeld.body());
        HttpResponse<String> holder =
                call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion());
        assertEquals(400, holder.statusCode(), "the holder is told what is missing");
        assertTrue(holder.body().contains("stems[0].audio_url"), holder.body());
        HttpResponse<String> badWait =
                call("GET", "/api/jobs/" + jobId + "/status?wait=soon", member, null);
        assertEquals(400, badWait.statusCode(), badWait.body());
        assertTrue(badWait.body().contains("\"field\":\"wait\""), badWait.body());
        HttpResponse<String> badMax =
                call("GET", "/api/jobs/" + jobId + "/events?max=soon", member, null);
        assertEquals(400, badMax.statusCode(), badMax.body());
        assertTrue(badMax.body().contains("\"field\":\"max\""), badMax.body());
    }

    @Test
    void a_long_poll_on_another_instance_wakes_when_this_one_completes_the_job() throws Exception {
        String jobId =
                field(
                        Api.upload(
                                        server,
                                        "/api/upload/band",
                                        member,
                                        "take.wav",
                                        LegacyFixture.wav(0.2, 8000))
                                .body(),
                        "job_id");
        assertEquals(200, call("POST", "/api/worker/jobs/claim", worker, null).statusCode());
        try (ApplicationContext other =
                ApplicationContext.run(EmbeddedServer.class, secondInstance())
                        .getApplicationContext()) {
            EmbeddedServer b = other.getBean(EmbeddedServer.class);
            long start = System.nanoTime();
            CompletableFuture<HttpResponse<String>> poll =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return Api.call(
                                            b,
                                            "GET",
                                            "/api/jobs/" + jobId + "/status?wait=30",
                                            member,
                                            null);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });
            Thread.sleep(1000);
            assertTrue(!poll.isDone(), "the unfinished job's answer is held");
            outputs(server, worker, jobId);
            assertEquals(
                    200,
                    call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion())
                            .statusCode());
            HttpResponse<String> woken = poll.get(20, java.util.concurrent.TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(woken.body().contains("\"status\":\"complete\""), woken.body());
            assertTrue(
                    seconds < 10, "woken by the change, not the 30 s timeout: " + seconds + " s");
        }
    }

    @Test
    void a_failed_job_is_retried_then_ends_in_error_with_the_reason() throws Exception {
        String jobId =
                field(
                        Api.upload(
                                        server,
                                        "/api/upload/band",
                                        member,
                                        "take.wav",
                                        LegacyFixture.wav(0.2, 8000))
                                .body(),
                        "job_id");
        call("POST", "/api/worker/jobs/claim", worker, null);
        HttpResponse<String> first =
                call(
                        "POST",
                        "/api/worker/jobs/" + jobId + "/fail",
                        worker,
                        "{\"error\":\"CUDA out of memory\"}");
        assertEquals("{\"status\":\"queued\"}", first.body());
        assertEquals(200, call("POST", "/api/worker/jobs/claim", worker, null).statusCode());
        assertEquals(
                "{\"status\":\"error\"}",
                call(
                                "POST",
                                "/api/worker/jobs/" + jobId + "/fail",
                                worker,
                                "{\"error\":\"CUDA out of memory again\"}")
                        .body());
        HttpResponse<String> status = call("GET", "/api/jobs/" + jobId + "/status", member, null);
        assertTrue(
                status.body()
                        .contains(
                                "\"status\":\"error\",\"stems\":null,\"error\":\"CUDA out of memory again\""),
                status.body());
        HttpResponse<String> queue = call("GET", "/api/admin/jobs?status=error", admin, null);
        assertTrue(
                queue.body().contains("\"job_id\":\"" + jobId + "\"")
                        && queue.body().contains("\"attempts\":2"),
                queue.body());
        HttpResponse<String> retried =
                call("POST", "/api/admin/jobs/" + jobId + "/retry", admin, null);
        assertTrue(retried.body().contains("\"status\":\"queued\",\"attempts\":0"), retried.body());
        assertTrue(
                call("POST", "/api/admin/jobs/" + jobId + "/cancel", admin, null)
                        .body()
                        .contains("\"status\":\"cancelled\""));
        assertTrue(
                call("GET", "/api/jobs/" + jobId + "/status", member, null)
                        .body()
                        .contains(
                                "\"status\":\"error\",\"stems\":null,\"error\":\"cancelled by an admin\""));
    }

    @Test
    void uploads_that_are_not_audio_or_too_large_are_refused_and_leave_nothing() throws Exception {
        HttpResponse<String> text =
                Api.upload(server, "/api/upload/band", member, "notes.txt", "hello".getBytes());
        assertEquals(415, text.statusCode(), text.body());
        assertTrue(text.body().contains("'.txt' is not a type of audio"), text.body());
        HttpResponse<String> fake =
                Api.upload(
                        server,
                        "/api/upload/band",
                        member,
                        "fake.wav",
                        "%PDF-1.7 not audio at all".getBytes());
        assertEquals(415, fake.statusCode(), fake.body());
        assertTrue(fake.body().contains("not WAV audio"), fake.body());
        HttpResponse<String> big =
                Api.upload(
                        server,
                        "/api/upload/band",
                        member,
                        "long.wav",
                        LegacyFixture.wav(30, 8000));
        assertEquals(413, big.statusCode(), big.body());
        assertTrue(
                big.body().contains("application/problem+json")
                        || big.headers()
                                .firstValue("Content-Type")
                                .orElse("")
                                .contains("problem+json"),
                big.body());
        assertEquals("[]", call("GET", "/api/admin/jobs", admin, null).body());
        try (var left = Files.walk(MEDIA.resolve("inputs"))) {
            assertEquals(
                    0,
                    left.filter(Files::isRegularFile)
                            .filter(p -> p.toString().contains("upload-"))
                            .count(),
                    "no partial upload is left behind");
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing was ever written
        }
        assertEquals(
                404,
                Api.upload(
                                server,
                                "/api/upload/attic",
                                member,
                                "take.wav",
                                LegacyFixture.wav(0.1, 8000))
                        .statusCode());
    }

    HttpResponse<String> rawUpload(String body) throws Exception {
        return Api.uploadBody(server, "/api/upload/band", member, body);
    }

    /** {@link Api#multipart} cut short: no closing boundary, and the content's last 39 bytes. */
    static String cutShort(String whole) {
        return whole.substring(0, whole.length() - 50);
    }

    @Test
    void a_multipart_body_cut_short_or_without_a_file_is_refused_naming_data_and_leaves_nothing()
            throws Exception {
        String whole = Api.multipart("take.wav", LegacyFixture.wav(0.2, 8000));
        long before = storedFiles();
        // the HTTP body is complete, the multipart body is not
        HttpResponse<String> cut = rawUpload(cutShort(whole));
        assertEquals(400, cut.statusCode(), cut.body());
        assertTrue(cut.body().contains("\"field\":\"data\""), cut.body());
        assertTrue(cut.body().contains("was cut short"), cut.body());

        // a plain form field named data: no file name, so not a file
        HttpResponse<String> field =
                rawUpload(
                        "--stemvault-test-boundary\r\n"
                                + "Content-Disposition: form-data; name=\"data\"\r\n\r\n"
                                + "RIFF not a file\r\n--stemvault-test-boundary--\r\n");
        assertEquals(400, field.statusCode(), field.body());
        assertTrue(field.body().contains("\"field\":\"data\""), field.body());
        assertTrue(field.body().contains("needs a file name"), field.body());

        assertEquals("[]", call("GET", "/api/admin/jobs", admin, null).body());
        assertEquals(before, storedFiles(), "nothing stored, not even in part");
        // and the same take, whole, is taken
        assertEquals(200, rawUpload(whole).statusCode());
        assertEquals(before + 1, storedFiles());
    }

    @Test
    void a_multipart_body_without_a_usable_boundary_is_refused_naming_body_and_leaves_nothing()
            throws Exception {
        String whole = Api.multipart("take.wav", LegacyFixture.wav(0.31, 8000));
        String unused = whole.replace("stemvault-test-boundary", "some-other-boundary");
        long before = storedFiles();
        String[][] cases = {
            {"multipart/form-data; boundary=", whole},
            {"multipart/form-data; boundary=\"\"", whole},
            {"multipart/form-data", whole},
            {"multipart/form-data; charset=utf-8", whole},
            {"multipart/form-data; boundary=" + "b".repeat(71), whole},
            {"multipart/form-data; boundary=a\tb", whole},
            {Api.MULTIPART, unused},
            {Api.MULTIPART, "x".repeat(3000)},
        };
        for (String[] c : cases) {
            HttpResponse<String> refused =
                    Api.uploadBody(server, "/api/upload/band", member, c[0], c[1]);
            String what = c[0] + " with " + c[1].length() + " bytes -> " + refused.body();
            assertEquals(400, refused.statusCode(), what);
            assertTrue(refused.body().contains("\"field\":\"body\""), what);
        }
        assertEquals("[]", call("GET", "/api/admin/jobs", admin, null).body());
        assertEquals(before, storedFiles(), "nothing stored, not even in part");
        // a quoted boundary of legal characters is a boundary like any other
        String quoted = whole.replace("stemvault-test-boundary", "quoted boundary 'ok'");
        HttpResponse<String> taken =
                Api.uploadBody(
                        server,
                        "/api/upload/band",
                        member,
                        "multipart/form-data; boundary=\"quoted boundary 'ok'\"",
                        quoted);
        assertEquals(200, taken.statusCode(), taken.body());
    }

    @Test
    void a_wrong_field_or_a_hostile_file_name_is_refused_naming_data_and_leaves_nothing()
            throws Exception {
        byte[] wav = LegacyFixture.wav(0.32, 8000);
        long before = storedFiles();
        HttpResponse<String> wrongField =
                rawUpload(Api.multipart("take.wav", wav).replace("name=\"data\"", "name=\"file\""));
        assertEquals(400, wrongField.statusCode(), wrongField.body());
        assertTrue(wrongField.body().contains("\"field\":\"data\""), wrongField.body());
        HttpResponse<String> empty = rawUpload("");
        assertEquals(400, empty.statusCode(), empty.body());
        assertTrue(empty.body().contains("\"field\":\"data\""), empty.body());
        for (String name : new String[] {"a\u0000b.wav", "bell\u0007.wav"}) {
            HttpResponse<String> hostile = rawUpload(Api.multipart(name, wav));
            assertEquals(400, hostile.statusCode(), name + " -> " + hostile.body());
            assertTrue(hostile.body().contains("\"field\":\"data\""), hostile.body());
        }
        assertEquals("[]", call("GET", "/api/admin/jobs", admin, null).body());
        assertEquals(before, storedFiles(), "nothing stored, not even in part");
        // a path in the file name is not a path in the store
        HttpResponse<String> traversal = rawUpload(Api.multipart("../../../etc/x.wav", wav));
        assertEquals(200, traversal.statusCode(), traversal.body());
        assertTrue(
                field(traversal.body(), "output_name").matches("[A-Za-z0-9_-]+"), traversal.body());
        assertFalse(Files.exists(MEDIA.resolve("../etc")), "nothing outside the media root");
    }

    @Test
    void a_take_refused_because_another_profile_has_it_leaves_no_file_one_after_another_or_at_once()
            throws Exception {
        Profile attic = seed.profile("attic");
        org.stemvault.domain.user.User bothUser = seed.user("both@example.com");
        seed.grant(bothUser, attic);
        seed.grant(bothUser, band);
        String both = seed.token(bothUser);
        byte[] first = LegacyFixture.wav(0.34, 8000);
        assertEquals(
                200, Api.upload(server, "/api/upload/band", both, "t.wav", first).statusCode());
        long before = storedFiles();
        HttpResponse<String> refused =
                Api.upload(server, "/api/upload/attic", both, "t.wav", first);
        assertEquals(409, refused.statusCode(), refused.body());
        assertEquals(before, storedFiles(), "the refused copy is not left in inputs/attic");
        assertFalse(
                Files.exists(MEDIA.resolve("inputs/attic"))
                        && Files.list(MEDIA.resolve("inputs/attic")).findAny().isPresent());

        byte[] second = LegacyFixture.wav(0.35, 8000);
        List<CompletableFuture<HttpResponse<String>>> racing = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String profile = i % 2 == 0 ? "band" : "attic";
            racing.add(
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return Api.upload(
                                            server,
                                            "/api/upload/" + profile,
                                            both,
                                            "r.wav",
                                            second);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            }));
        }
        java.util.Set<String> outcomes = new java.util.TreeSet<>();
        for (CompletableFuture<HttpResponse<String>> r : racing) {
            outcomes.add(String.valueOf(r.get().statusCode()));
        }
        assertEquals(java.util.Set.of("200", "409"), outcomes);
        assertEquals(
                before + 1, storedFiles(), "one copy of the raced take, in the profile that won");
    }

    static long storedFiles() throws java.io.IOException {
        if (!Files.isDirectory(MEDIA)) {
            return 0;
        }
        try (var files = Files.walk(MEDIA)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void a_progress_stream_sends_each_change_and_ends_when_the_job_does() throws Exception {
        String jobId =
                field(
                        Api.upload(
                                        server,
                                        "/api/upload/band",
                                        member,
                                        "take.wav",
                                        LegacyFixture.wav(0.25, 8000))
                                .body(),
                        "job_id");
        call("POST", "/api/worker/jobs/claim", worker, null);
        java.util.List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Integer> stream =
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                HttpResponse<java.util.stream.Stream<String>> r =
                                        Api.HTTP.send(
                                                java.net.http.HttpRequest.newBuilder(
                                                                java.net.URI.create(
                                                                        server.getURL()
                                                                                + "/api/jobs/"
                                                                                + jobId
                                                                                + "/events"))
                                                        .header("Authorization", "Bearer " + member)
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofLines());
                                r.body().filter(l -> l.startsWith("data:")).forEach(events::add);
                                return r.statusCode();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });
        for (int i = 0; i < 50 && events.isEmpty(); i++) {
            Thread.sleep(100);
        }
        call(
                "POST",
                "/api/worker/jobs/" + jobId + "/heartbeat",
                worker,
                "{\"stage\":\"separating\",\"percent\":40}");
        for (int i = 0; i < 50 && events.size() < 2; i++) {
            Thread.sleep(100);
        }
        outputs(server, worker, jobId);
        call("POST", "/api/worker/jobs/" + jobId + "/complete", worker, completion());
        assertEquals(200, stream.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(
                events.get(0).contains("\"status\":\"processing\",\"stems\":null"),
                events.toString());
        assertTrue(
                events.stream()
                        .anyMatch(e -> e.contains("\"stage\":\"separating\",\"percent\":40")),
                events.toString());
        assertTrue(
                events.get(events.size() - 1).contains("\"status\":\"complete\""),
                events.toString());
    }
}
