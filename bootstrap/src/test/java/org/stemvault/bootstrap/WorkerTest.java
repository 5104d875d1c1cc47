package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.Stem;
import org.stemvault.domain.recording.StemType;
import org.stemvault.worker.Main;
import org.stemvault.worker.StandInSeparator;
import org.stemvault.worker.TestAudio;

/**
 * The worker runnable (its real main, in a child JVM) against the real service over the pull
 * protocol, with the stand-in separator (a test fixture that writes four band-filtered files, not a
 * separation model): an upload becomes a recording whose stems carry the loudness, peak, gain,
 * duration, size and waveform the worker measured; a failing command ends the job in error with its
 * output; SIGTERM hands the job back or lets it finish; transient trouble is retried; with a bucket
 * as the store every file goes through presigned links.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerTest {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path media = temp("stemvault-worker-media");
    final Path work = temp("stemvault-worker-work");
    final String bucket = "worker-" + UUID.randomUUID().toString().substring(0, 8);
    EmbeddedServer server;
    EmbeddedServer s3Server;
    Seed seed;
    String member;
    String admin;
    String worker;

    static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeAll
    void start() {
        Map<String, Object> local = new HashMap<>(TestApp.properties());
        local.put("micronaut.server.port", "-1");
        local.put("stemvault.media.root", media.toString());
        local.put("stemvault.jobs.max-attempts", "1");
        server = ApplicationContext.run(EmbeddedServer.class, local);
        Map<String, Object> s3 = new HashMap<>(local);
        s3.put("stemvault.media.root", temp("stemvault-worker-s3-disk").toString());
        s3.putAll(TestApp.inBucket(bucket));
        s3.put("stemvault.media.delivery", "redirect");
        s3.put("stemvault.mixes.share-links", "true");
        s3Server = ApplicationContext.run(EmbeddedServer.class, s3);
        seed = server.getApplicationContext().getBean(Seed.class);
    }

    @AfterAll
    void stop() {
        server.getApplicationContext().close();
        s3Server.getApplicationContext().close();
    }

    @BeforeEach
    void world() {
        seed.reset();
        Profile band = seed.profile("band");
        member = seed.memberOf(band, "member@example.com");
        admin = seed.token(seed.admin("admin@example.com"));
        worker = seed.worker("gpu-box").bearer();
    }

    /** The worker's real main in a child JVM; its token from the environment, as documented. */
    Process worker(Path log, String url, String... args) throws Exception {
        List<String> command =
                ChildJvm.command(
                        List.of(),
                        Main.class.getName(),
                        "--server",
                        url,
                        "--poll",
                        "200ms",
                        "--heartbeat",
                        "500ms",
                        "--work-dir",
                        work.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("STEMVAULT_WORKER_TOKEN", worker);
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return builder.start();
    }

    JsonNode upload(EmbeddedServer to, Path take) throws Exception {
        HttpResponse<String> r =
                Api.upload(
                        to,
                        "/api/upload/band",
                        member,
                        "Tuesday Jam.wav",
                        Files.readAllBytes(take));
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** A queued job for a 2 s stereo tone of this amplitude and pitch; its id. */
    String queuedTone(String name, double amplitude, int hz) throws Exception {
        return upload(server, TestAudio.tone(work.resolve(name + ".wav"), 2, amplitude, hz))
                .path("job_id")
                .asText();
    }

    JsonNode job(EmbeddedServer on, String jobId) throws Exception {
        for (JsonNode j :
                JSON.readTree(Api.call(on, "GET", "/api/admin/jobs", admin, null).body())) {
            if (j.path("job_id").asText().equals(jobId)) {
                return j;
            }
        }
        throw new AssertionError("no job " + jobId);
    }

    byte[] fetch(EmbeddedServer on, String path) throws Exception {
        HttpResponse<byte[]> r =
                Api.HTTP.send(
                        HttpRequest.newBuilder(URI.create(on.getURL() + path))
                                .header("Authorization", "Bearer " + member)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 302 || r.statusCode() == 307) {
            return fetchAbsolute(r.headers().firstValue("Location").orElseThrow());
        }
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    static byte[] fetchAbsolute(String url) throws Exception {
        return Api.HTTP
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    static int pngWidth(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 16, 4).getInt();
    }

    static int pngHeight(byte[] png) {
        return java.nio.ByteBuffer.wrap(png, 20, 4).getInt();
    }

    /** Runs one job with the stand-in and checks every stem against ffmpeg's own readings. */
    void separatesAndMeasures(EmbeddedServer on) throws Exception {
        Path take = TestAudio.rehearsal(work.resolve("take-" + UUID.randomUUID() + ".wav"));
        JsonNode job = upload(on, take);
        Path log = work.resolve("worker-" + UUID.randomUUID() + ".log");
        Process p =
                worker(
                        log,
                        on.getURL().toString(),
                        "--separate",
                        StandInSeparator.command(),
                        "--once");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ends after its one job");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);

        JsonNode status =
                JSON.readTree(
                        Api.call(
                                        on,
                                        "GET",
                                        "/api/jobs/" + job.path("job_id").asText() + "/status",
                                        member,
                                        null)
                                .body());
        assertEquals("complete", status.path("status").asText(), status.toString());
        JsonNode file =
                JSON.readTree(
                        Api.call(
                                        on,
                                        "GET",
                                        "/api/profiles/band/files/"
                                                + job.path("output_name").asText(),
                                        member,
                                        null)
                                .body());
        Map<String, JsonNode> stems = new HashMap<>();
        file.path("stems").forEach(s -> stems.put(s.path("stem_type").asText(), s));
        assertEquals(
                List.of("bass", "drums", "other", "vocals"),
                stems.keySet().stream().sorted().toList());

        double takeLufs = TestAudio.lufs(take);
        JsonNode vocals = stems.get("vocals");
        assertEquals(
                takeLufs,
                vocals.path("measured_lufs").asDouble(),
                0.5,
                "ffmpeg's reading of the take itself");
        assertEquals(
                0.5,
                vocals.path("peak_amplitude").asDouble(),
                0.01,
                "two sines of 0.25 meet at 0.5");
        assertEquals(
                Math.max(-12, Math.min(12, -23 - vocals.path("measured_lufs").asDouble())),
                vocals.path("stem_gain_adjustment_db").asDouble(),
                0.011);
        JsonNode other = stems.get("other");
        assertTrue(other.path("measured_lufs").isNull(), "a silent stem has no loudness: " + other);
        assertEquals(0, other.path("peak_amplitude").asDouble());
        assertEquals(0, other.path("stem_gain_adjustment_db").asDouble());
        assertTrue(
                stems.get("bass").path("measured_lufs").asDouble() < takeLufs - 1
                        && stems.get("drums").path("measured_lufs").asDouble() < takeLufs - 1,
                "each band-filtered file is quieter than the whole take: " + stems);

        for (JsonNode stem : stems.values()) {
            String type = stem.path("stem_type").asText();
            assertEquals(
                    "/media/band/" + job.path("output_name").asText() + "/" + type + ".opus",
                    stem.path("audio_url").asText());
            byte[] audio = fetch(on, stem.path("audio_url").asText());
            assertEquals(
                    audio.length,
                    stem.path("file_size_bytes").asLong(),
                    type + ": the size of the stored file");
            assertArrayEquals("OggS".getBytes(), Arrays.copyOf(audio, 4), type + " is Ogg Opus");
            Path stored = work.resolve(type + "-" + UUID.randomUUID() + ".opus");
            Files.write(stored, audio);
            assertEquals(
                    TestAudio.duration(stored), stem.path("duration_seconds").asDouble(), 0.001);
            assertEquals(40, stem.path("duration_seconds").asDouble(), 0.1);
            if (!stem.path("measured_lufs").isNull()) {
                assertEquals(
                        TestAudio.lufs(stored),
                        stem.path("measured_lufs").asDouble(),
                        0.5,
                        type + ": ffmpeg's reading of the stored stem");
            }
            byte[] png = fetch(on, stem.path("waveform_url").asText());
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
            assertEquals(1920, pngWidth(png));
            assertEquals(256, pngHeight(png));
        }

        for (String stage :
                List.of(
                        "claimed",
                        "downloaded",
                        "stage",
                        "separated",
                        "measured",
                        "sections",
                        "uploaded",
                        "complete")) {
            assertTrue(output.contains("] " + stage + " "), "a line for " + stage + ":\n" + output);
        }
        assertTrue(
                output.contains("sections job=" + job.path("job_id").asText() + " found=2"),
                output);
        JsonNode clips =
                JSON.readTree(
                        Api.call(
                                        on,
                                        "GET",
                                        "/api/recordings/" + file.path("id").asText() + "/clips",
                                        member,
                                        null)
                                .body());
        assertEquals(2, clips.size(), "the sections it found are the recording's clips: " + clips);
        assertEquals("Section 1", clips.get(0).path("display_name").asText());
        assertEquals(0, clips.get(0).path("start_seconds").asDouble(), 0.2);
        assertEquals(8, clips.get(0).path("end_seconds").asDouble(), 0.2);
        assertEquals("Section 2", clips.get(1).path("display_name").asText());
        assertEquals(12, clips.get(1).path("start_seconds").asDouble(), 0.2);
        assertEquals(25, clips.get(1).path("end_seconds").asDouble(), 0.2);
        try (var left = Files.list(work)) {
            assertTrue(
                    left.noneMatch(f -> f.getFileName().toString().startsWith("job-")),
                    "the job's files are gone");
        }
    }

    @Test
    void an_upload_becomes_four_measured_stems_with_waveforms() throws Exception {
        separatesAndMeasures(server);
    }

    /**
     * The Quick start's separation (scripts/separate-ffmpeg.sh, the plain ffmpeg-filter split that
     * scripts/run.sh gives its local worker) turns an upload into four playable stems, each where
     * the method puts it: the take's 110 Hz in bass, its 3 kHz in vocals, only a filter's skirt in
     * drums (high-passed at 6 kHz), and nothing in other, since a mono take has no side signal.
     */
    @Test
    void the_quick_start_split_turns_an_upload_into_four_playable_stems() throws Exception {
        Path take = TestAudio.rehearsal(work.resolve("take-" + UUID.randomUUID() + ".wav"));
        JsonNode job = upload(server, take);
        Path script = Path.of("..", "scripts", "separate-ffmpeg.sh").toAbsolutePath().normalize();
        Path log = work.resolve("worker-" + UUID.randomUUID() + ".log");
        Process p =
                worker(
                        log,
                        server.getURL().toString(),
                        "--separate",
                        "bash " + script + " {input} {output_dir}",
                        "--once");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ends after its one job");
        assertEquals(0, p.exitValue(), Files.readString(log));
        JsonNode file =
                JSON.readTree(
                        Api.call(
                                        server,
                                        "GET",
                                        "/api/profiles/band/files/"
                                                + job.path("output_name").asText(),
                                        member,
                                        null)
                                .body());
        assertEquals("complete", file.path("status").asText(), file.toString());
        Map<String, JsonNode> stems = new HashMap<>();
        file.path("stems").forEach(s -> stems.put(s.path("stem_type").asText(), s));
        assertEquals(
                List.of("bass", "drums", "other", "vocals"),
                stems.keySet().stream().sorted().toList());
        for (JsonNode stem : stems.values()) {
            byte[] audio = fetch(server, stem.path("audio_url").asText());
            assertArrayEquals("OggS".getBytes(), Arrays.copyOf(audio, 4), "playable Ogg Opus");
        }
        double bass = stems.get("bass").path("measured_lufs").asDouble();
        double vocals = stems.get("vocals").path("measured_lufs").asDouble();
        JsonNode drums = stems.get("drums").path("measured_lufs");
        assertTrue(
                drums.isNull() || (drums.asDouble() < bass - 10 && drums.asDouble() < vocals - 10),
                "the take has nothing above 6 kHz but a filter's skirt: " + stems);
        assertTrue(
                stems.get("other").path("measured_lufs").isNull(),
                "a mono take has no side signal: " + stems.get("other"));
        // the worker analysed the take before it completed the job
        HttpResponse<String> analysis =
                Api.call(
                        server,
                        "GET",
                        "/api/recordings/" + file.path("id").asText() + "/analysis",
                        member,
                        null);
        assertEquals(200, analysis.statusCode(), Files.readString(log));
        assertTrue(Files.readString(log).contains("analysed"), Files.readString(log));
        assertEquals(BUILT_IN_ANALYSIS, JSON.readTree(analysis.body()).path("tool").asText());
    }

    static final String BUILT_IN_ANALYSIS =
            "stemvault-worker built-in (bpm-tools, aubio onset, chromagram)";

    /** An upload separated by the Quick start's split (its recording's id). */
    String separatedWithTheQuickStartSplit(EmbeddedServer on) throws Exception {
        Path take = TestAudio.rehearsal(work.resolve("take-" + UUID.randomUUID() + ".wav"));
        JsonNode job = upload(on, take);
        Path script = Path.of("..", "scripts", "separate-ffmpeg.sh").toAbsolutePath().normalize();
        Path log = work.resolve("worker-" + UUID.randomUUID() + ".log");
        Process p =
                worker(
                        log,
                        on.getURL().toString(),
                        "--separate",
                        "bash " + script + " {input} {output_dir}",
                        "--once");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ends after its one job");
        assertEquals(0, p.exitValue(), Files.readString(log));
        return JSON.readTree(
                        Api.call(
                                        on,
                                        "GET",
                                        "/api/profiles/band/files/"
                                                + job.path("output_name").asText(),
                                        member,
                                        null)
                                .body())
                .path("id")
                .asText();
    }

    /** Runs one render with the worker's real main taking renders only; its log. */
    String renderOnce(EmbeddedServer on) throws Exception {
        Path log = work.resolve("worker-" + UUID.randomUUID() + ".log");
        Process p = worker(log, on.getURL().toString(), "--kinds", "render", "--once");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ends after its one render");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    /**
     * A recording from before analysis (a drum pattern at 120 BPM and chords in A minor as its
     * stems) is queued by an admin, analysed by a worker that takes analyses only, and its tempo,
     * key and beat grid read by a member.
     */
    @Test
    void an_admin_queues_the_analysis_of_older_takes_and_a_worker_measures_them() throws Exception {
        Profile band = seed.profile("jazz");
        String player = seed.memberOf(band, "player@example.com");
        Path folder = Files.createDirectories(media.resolve("jazz/groove"));
        Path drums = TestAudio.drums(folder.resolve("drums.wav"), 30, 120);
        Path chords = TestAudio.progression(folder.resolve("other.wav"), 9, true);
        Recording take =
                seed.take(
                        band, "groove", 0, stemOf("drums", drums, 30), stemOf("other", chords, 8));
        String analysis = "/api/recordings/" + take.id() + "/analysis";
        assertEquals(404, Api.call(server, "GET", analysis, player, null).statusCode());
        HttpResponse<String> queued =
                Api.call(server, "POST", "/api/admin/analysis/queue", admin, null);
        assertEquals("{\"queued\":1}", queued.body());
        assertEquals(
                "{\"queued\":0}",
                Api.call(server, "POST", "/api/admin/analysis/queue", admin, null).body(),
                "one pending analysis per recording");
        assertEquals(
                403,
                Api.call(server, "POST", "/api/admin/analysis/queue", player, null).statusCode());
        // a worker that takes separations only is not given it
        assertEquals(
                204, Api.call(server, "POST", "/api/worker/jobs/claim", worker, null).statusCode());

        Path log = work.resolve("worker-" + UUID.randomUUID() + ".log");
        Process p = worker(log, server.getURL().toString(), "--kinds", "analyze", "--once");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the worker ends after its one analysis");
        assertEquals(0, p.exitValue(), Files.readString(log));

        JsonNode found = JSON.readTree(Api.call(server, "GET", analysis, player, null).body());
        assertEquals(120, found.path("tempo_bpm").asDouble(), 1, found.toString());
        assertTrue(found.path("tempo_confidence").asDouble() > 0.8, found.toString());
        assertTrue(
                List.of("A minor", "C major").contains(found.path("key").asText()),
                "A minor (or its relative): " + found.path("key"));
        assertTrue(found.path("beats").size() >= 55, "a beat every half second");
        assertTrue(found.path("downbeats").size() >= 13, "a bar every two seconds");
        assertTrue(found.path("stability").asDouble() > 0.97, found.toString());
        assertEquals(10, found.path("window_seconds").asDouble());
        assertEquals(3, found.path("tempo_curve").size());
        assertEquals(
                404,
                Api.call(server, "GET", analysis, member, null).statusCode(),
                "another band's member sees nothing");
        assertEquals(
                "{\"queued\":0}",
                Api.call(server, "POST", "/api/admin/analysis/queue", admin, null).body());
    }

    static Stem stemOf(String type, Path file, double seconds) throws java.io.IOException {
        return new Stem(
                new StemType(type),
                -20.0,
                0.9,
                1.0,
                new MediaFileName(file.getFileName().toString()),
                new MediaFileName(type + "_waveform.png"),
                Files.size(file),
                seconds);
    }

    static final String DRUMLESS_SLOW_SECTION =
            "{\"stems\":{\"drums\":{\"muted\":true},\"vocals\":{\"gain_db\":-3}},"
                    + "\"start\":2,\"end\":6,\"tempo\":0.8,\"format\":\"mp3\"}";

    /**
     * The issue's own case from the Quick start: a 0.8× tempo, drums-muted MP3 of one section,
     * rendered by a worker that takes renders only, then played (whole and by range) under a
     * readable name; the same request again is answered from the made mix without a new job.
     */
    @Test
    void a_member_takes_away_a_slower_drumless_section_rendered_once() throws Exception {
        String recording = separatedWithTheQuickStartSplit(server);
        HttpResponse<String> asked =
                Api.call(
                        server,
                        "POST",
                        "/api/recordings/" + recording + "/mixes",
                        member,
                        DRUMLESS_SLOW_SECTION);
        assertEquals(202, asked.statusCode(), asked.body());
        JsonNode mix = JSON.readTree(asked.body());
        assertEquals("queued", mix.path("status").asText());
        assertTrue(mix.path("file_url").isNull() || mix.path("file_url").isMissingNode());
        assertEquals(
                List.of("bass", "other", "vocals"),
                StreamSupport.stream(mix.path("stems").spliterator(), false)
                        .map(s -> s.path("stem").asText())
                        .sorted()
                        .toList(),
                "the muted drums are not in the mix");
        // a worker that takes separations only (every worker before kinds) is not given it
        assertEquals(
                204, Api.call(server, "POST", "/api/worker/jobs/claim", worker, null).statusCode());

        String job = "/api/jobs/" + mix.path("job_id").asText();
        assertEquals(
                "processing",
                JSON.readTree(Api.call(server, "GET", job + "/status?wait=0", member, null).body())
                        .path("status")
                        .asText(),
                "followed as an upload's job is");
        String log = renderOnce(server);
        assertTrue(log.contains("complete"), log);
        assertEquals(
                "complete",
                JSON.readTree(Api.call(server, "GET", job + "/status?wait=0", member, null).body())
                        .path("status")
                        .asText());
        assertTrue(
                Api.call(server, "GET", job + "/events?max=0", member, null)
                        .body()
                        .matches("(?s).*event: ?complete.*"),
                "and on its Server-Sent Events");

        JsonNode ready =
                JSON.readTree(
                        Api.call(
                                        server,
                                        "GET",
                                        "/api/mixes/" + mix.path("id").asText(),
                                        member,
                                        null)
                                .body());
        assertEquals("ready", ready.path("status").asText(), ready.toString());
        assertEquals(4 / 0.8, ready.path("duration_seconds").asDouble(), 0.1, ready.toString());
        HttpResponse<byte[]> file =
                Api.HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                server.getURL() + ready.path("file_url").asText()))
                                .header("Authorization", "Bearer " + member)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertEquals("audio/mpeg", file.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(ready.path("size_bytes").asLong(), file.body().length);
        String disposition = file.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(
                disposition.contains("0m02s-0m06s - 80%.mp3"),
                "a readable name with the section and tempo: " + disposition);
        Path played = work.resolve("played-" + UUID.randomUUID() + ".mp3");
        Files.write(played, file.body());
        assertEquals(5.0, TestAudio.duration(played), 0.1, "it plays, 1.25 times the section");
        HttpResponse<byte[]> range =
                Api.HTTP.send(
                        HttpRequest.newBuilder(
                                        URI.create(
                                                server.getURL() + ready.path("file_url").asText()))
                                .header("Authorization", "Bearer " + member)
                                .header("Range", "bytes=0-99")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(206, range.statusCode());
        assertArrayEquals(Arrays.copyOf(file.body(), 100), range.body());

        int jobs =
                JSON.readTree(Api.call(server, "GET", "/api/admin/jobs", admin, null).body())
                        .size();
        HttpResponse<String> again =
                Api.call(
                        server,
                        "POST",
                        "/api/recordings/" + recording + "/mixes",
                        member,
                        DRUMLESS_SLOW_SECTION);
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(mix.path("id").asText(), JSON.readTree(again.body()).path("id").asText());
        assertEquals("ready", JSON.readTree(again.body()).path("status").asText());
        assertEquals(
                jobs,
                JSON.readTree(Api.call(server, "GET", "/api/admin/jobs", admin, null).body())
                        .size(),
                "the same mix is not rendered again");
    }

    /** With a bucket, the render reads its stems and writes its file through presigned links. */
    @Test
    void with_a_bucket_a_render_goes_through_presigned_links() throws Exception {
        String recording = separatedWithTheQuickStartSplit(s3Server);
        HttpResponse<String> asked =
                Api.call(
                        s3Server,
                        "POST",
                        "/api/recordings/" + recording + "/mixes",
                        member,
                        "{\"format\":\"flac\",\"loudness\":-18}");
        assertEquals(202, asked.statusCode(), asked.body());
        String id = JSON.readTree(asked.body()).path("id").asText();
        renderOnce(s3Server);
        JsonNode ready =
                JSON.readTree(Api.call(s3Server, "GET", "/api/mixes/" + id, member, null).body());
        assertEquals("ready", ready.path("status").asText(), ready.toString());
        assertEquals(-18, ready.path("loudness_lufs").asDouble(), 0.5, ready.toString());
        byte[] flac = fetch(s3Server, ready.path("file_url").asText());
        assertArrayEquals("fLaC".getBytes(), Arrays.copyOf(flac, 4));

        // shared outside the band: one file, through the service (a redirect into the bucket
        // would show its key, which names the profile and the recording), counted, revocable
        HttpResponse<String> made =
                Api.call(s3Server, "POST", "/api/mixes/" + id + "/share", member, "{}");
        assertEquals(201, made.statusCode(), made.body());
        JsonNode share = JSON.readTree(made.body());
        String url = s3Server.getURL() + share.path("url").asText();
        HttpResponse<byte[]> open =
                Api.HTTP.send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, open.statusCode(), "no sign-in, no redirect");
        assertArrayEquals(flac, open.body());
        assertTrue(
                open.headers().map().toString().toLowerCase(java.util.Locale.ROOT).indexOf("band")
                        < 0,
                "nothing names the profile: " + open.headers().map());
        JsonNode listed =
                JSON.readTree(
                        Api.call(s3Server, "GET", "/api/mixes/" + id + "/shares", member, null)
                                .body());
        assertEquals(1, listed.get(0).path("fetches").asLong());
        assertTrue(listed.get(0).path("url").isNull(), "the token is shown once only");
        assertEquals(
                204,
                Api.call(
                                s3Server,
                                "DELETE",
                                "/api/mixes/" + id + "/shares/" + share.path("id").asText(),
                                member,
                                null)
                        .statusCode());
        assertEquals(
                404,
                Api.HTTP
                        .send(
                                HttpRequest.newBuilder(URI.create(url)).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "a revoked link opens nothing");
    }

    @Test
    void with_a_bucket_as_the_store_every_file_goes_through_presigned_links() throws Exception {
        separatesAndMeasures(s3Server);
        MeterRegistry meters = s3Server.getApplicationContext().getBean(MeterRegistry.class);
        assertEquals(1, requests(meters, "/api/worker/jobs/claim"), "the service saw the claim");
        assertEquals(
                0,
                requests(meters, "/api/worker/jobs/{jobId}/source"),
                "the source came from the bucket");
        assertEquals(
                0,
                requests(meters, "/api/worker/jobs/{jobId}/outputs/{+file}"),
                "every stem and waveform went straight into the bucket");
    }

    static long requests(MeterRegistry meters, String route) {
        return meters.find("stemvault.http.server.requests").tag("route", route).timers().stream()
                .mapToLong(io.micrometer.core.instrument.Timer::count)
                .sum();
    }

    @Test
    void a_failing_command_ends_the_job_in_error_with_its_output() throws Exception {
        String jobId = queuedTone("tone", 0.1, 440);
        Path log = work.resolve("fail.log");
        Process p =
                worker(
                        log,
                        server.getURL().toString(),
                        "--once",
                        "--separate",
                        "echo loading model >&2; echo 'CUDA out of memory' >&2; exit 3 # {input} {output_dir}");
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), Files.readString(log));
        JsonNode status =
                JSON.readTree(
                        Api.call(server, "GET", "/api/jobs/" + jobId + "/status", member, null)
                                .body());
        assertEquals("error", status.path("status").asText());
        assertTrue(
                status.path("error").asText().startsWith("the separation command exited with 3")
                        && status.path("error")
                                .asText()
                                .endsWith("loading model\nCUDA out of memory"),
                status.toString());
    }

    @Test
    void sigterm_mid_separation_hands_the_job_back_uncounted_and_ends_the_command()
            throws Exception {
        String jobId = queuedTone("tone", 0.1, 440);
        Path log = work.resolve("term.log");
        Process p =
                worker(
                        log,
                        server.getURL().toString(),
                        "--stop-grace",
                        "1s",
                        "--separate",
                        "sleep 120; " + StandInSeparator.command());
        awaitStage(jobId, "separating");
        List<ProcessHandle> command = p.descendants().toList();
        assertFalse(command.isEmpty(), "the separation command runs");
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the worker stops");
        String output = Files.readString(log);
        assertTrue(output.contains("released job=" + jobId), output);
        JsonNode job = job(server, jobId);
        assertEquals("queued", job.path("status").asText(), job.toString());
        assertEquals(0, job.path("attempts").asInt(), "the handed-back attempt is not counted");
        assertTrue(
                job.path("worker").isNull() || job.path("worker").isMissingNode(), job.toString());
        for (int i = 0; i < 50 && command.stream().anyMatch(WorkerTest::running); i++) {
            Thread.sleep(100);
        }
        assertTrue(
                command.stream().noneMatch(WorkerTest::running),
                "its command ended with it: "
                        + command.stream()
                                .filter(WorkerTest::running)
                                .map(h -> h.info().commandLine().orElse("?"))
                                .toList());
    }

    @Test
    void sigterm_with_time_to_spare_lets_the_job_finish() throws Exception {
        String jobId = queuedTone("tone", 0.1, 440);
        Path log = work.resolve("finish.log");
        Process p =
                worker(
                        log,
                        server.getURL().toString(),
                        "--stop-grace",
                        "60s",
                        "--separate",
                        "sleep 2; " + StandInSeparator.command());
        awaitStage(jobId, "separating");
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the worker stops once its job is done");
        assertEquals("complete", job(server, jobId).path("status").asText(), Files.readString(log));
    }

    @Test
    void with_concurrency_two_jobs_run_at_once_and_both_complete() throws Exception {
        String first = queuedTone("one", 0.1, 440);
        String second = queuedTone("two", 0.2, 880);
        Path log = work.resolve("two.log");
        Process p =
                worker(
                        log,
                        server.getURL().toString(),
                        "--concurrency",
                        "2",
                        "--separate",
                        "sleep 3; " + StandInSeparator.command());
        try {
            awaitStage(first, "separating");
            // the first separates for 3 s; the second, taken at once, joins it within that time
            // (on a loaded machine it may still be downloading when the first starts)
            String other = job(server, second).path("stage").asText();
            for (int i = 0; i < 50 && !"separating".equals(other); i++) {
                Thread.sleep(50);
                other = job(server, second).path("stage").asText();
            }
            assertEquals("separating", other, "both in hand at once");
            assertEquals(
                    "separating",
                    job(server, first).path("stage").asText(),
                    "the first still separating");
            for (int i = 0; i < 300; i++) {
                if ("complete".equals(job(server, first).path("status").asText())
                        && "complete".equals(job(server, second).path("status").asText())) {
                    break;
                }
                Thread.sleep(100);
            }
            assertEquals(
                    "complete", job(server, first).path("status").asText(), Files.readString(log));
            assertEquals(
                    "complete", job(server, second).path("status").asText(), Files.readString(log));
        } finally {
            p.destroy();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertTrue(
                output.contains("[worker-1] claimed") && output.contains("[worker-2] claimed"),
                output);
    }

    @Test
    void a_service_out_of_reach_is_tried_again_until_it_answers() throws Exception {
        String jobId = queuedTone("tone", 0.1, 440);
        Path log = work.resolve("retry.log");
        try (TcpProxy proxy = new TcpProxy("127.0.0.1", server.getPort())) {
            proxy.down();
            Process p =
                    worker(
                            log,
                            "http://127.0.0.1:" + proxy.port(),
                            "--once",
                            "--retry-pause",
                            "200ms",
                            "--separate",
                            StandInSeparator.command());
            // up again only once the worker has met the closed door (its JVM may take a while to
            // start on a loaded machine): a fixed sleep made this test depend on the clock
            for (int i = 0;
                    i < 300
                            && !(Files.exists(log)
                                    && Files.readString(log).contains("] retry POST"));
                    i++) {
                Thread.sleep(100);
            }
            proxy.up();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String output = Files.readString(log);
            assertEquals(0, p.exitValue(), output);
            assertTrue(
                    output.contains("] retry POST /api/worker/jobs/claim (ConnectException"),
                    output);
        }
        assertEquals("complete", job(server, jobId).path("status").asText());
    }

    @Test
    void a_token_the_service_refuses_stops_the_worker_with_the_reason() throws Exception {
        Path log = work.resolve("refused.log");
        worker = "not-a-token";
        Process p =
                worker(log, server.getURL().toString(), "--separate", StandInSeparator.command());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String output = Files.readString(log);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("HTTP 401"), output);
        assertTrue(output.contains("the service does not take this worker token"), output);
    }

    /** Alive and not a zombie waiting to be reaped. */
    static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException gone) {
            return false;
        }
    }

    void awaitStage(String jobId, String stage) throws Exception {
        for (int i = 0; i < 300; i++) {
            if (stage.equals(job(server, jobId).path("stage").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job never reached " + stage + ": " + job(server, jobId));
    }
}
