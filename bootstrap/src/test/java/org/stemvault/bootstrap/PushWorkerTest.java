package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * Push mode: queued jobs are POSTed to the worker from the queue table until it takes them, and its
 * callback (with the job's secret) registers the recording with the stems read from the files it
 * wrote.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PushWorkerTest implements TestPropertyProvider {

    static final Path MEDIA = JobsTest.tempDir();
    final StandInPushWorker worker = new StandInPushWorker(MEDIA);

    @Inject EmbeddedServer server;
    @Inject Seed seed;

    String member;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestApp.properties());
        properties.put("stemvault.media.root", MEDIA.toString());
        properties.put("stemvault.worker.url", worker.url());
        properties.put("stemvault.worker.poll-interval", "200ms");
        properties.put("stemvault.jobs.backoff", "0s");
        return properties;
    }

    @AfterAll
    void stop() {
        worker.close();
    }

    @BeforeEach
    void world() {
        seed.reset();
        member = seed.memberOf(seed.profile("band"), "member@example.com");
        worker.received.clear();
        worker.refusals.set(0);
        worker.callBack = true;
    }

    String upload(double seconds) throws Exception {
        HttpResponse<String> r =
                Api.upload(
                        server,
                        "/api/upload/band",
                        member,
                        "take.wav",
                        LegacyFixture.wav(seconds, 8000));
        assertEquals(200, r.statusCode(), r.body());
        return JobsTest.field(r.body(), "job_id");
    }

    String status(String jobId, int wait) throws Exception {
        return Api.call(server, "GET", "/api/jobs/" + jobId + "/status?wait=" + wait, member, null)
                .body();
    }

    String awaitFinished(String jobId) throws Exception {
        String body = status(jobId, 0);
        for (int i = 0; i < 20 && body.contains("\"status\":\"processing\""); i++) {
            body = status(jobId, 5);
        }
        return body;
    }

    @Test
    void a_refused_job_is_sent_again_until_taken_and_its_callback_registers_the_stems_once()
            throws Exception {
        worker.refusals.set(2);
        String jobId = upload(0.3);
        String done = awaitFinished(jobId);
        assertTrue(
                done.contains(
                        "\"status\":\"complete\",\"stems\":[\"vocals\",\"drums\",\"bass\",\"other\"]"),
                done);
        assertEquals(3, worker.received.size(), "two refusals, then taken: " + worker.received);
        String payload = worker.received.get(2);
        for (String field :
                new String[] {
                    "\"job_id\":\"" + jobId + "\"",
                    "\"profile_name\":\"band\"",
                    "\"input_key\":\"inputs/band/take_",
                    "\"output_config\":{",
                    "\"callback_url\":\"http"
                }) {
            assertTrue(payload.contains(field), field + " in " + payload);
        }
        String outputName = JobsTest.field(done, "output_name");
        String files = Api.call(server, "GET", "/api/profiles/band/files", member, null).body();
        assertTrue(files.contains("\"name\":\"" + outputName + "\""), files);
        long size = Files.size(MEDIA.resolve("band").resolve(outputName).resolve("vocals.wav"));
        assertTrue(
                files.contains(
                        "\"stem_type\":\"vocals\",\"measured_lufs\":-20.5,\"peak_amplitude\":0.7,"
                                + "\"stem_gain_adjustment_db\":-2.5,\"audio_url\":\"/media/band/"
                                + outputName
                                + "/vocals.wav\","
                                + "\"waveform_url\":\"/media/band/"
                                + outputName
                                + "/vocals_waveform.png\",\"file_size_bytes\":"
                                + size
                                + ",\"duration_seconds\":0.5"),
                files);
        assertEquals(
                200,
                Api.call(server, "GET", "/media/band/" + outputName + "/drums.wav", member, null)
                        .statusCode());
        String callback = StandInPushWorker.field(worker.received.get(2), "callback_url");
        HttpResponse<String> replay =
                Api.call(
                        server,
                        "POST",
                        callback.substring(callback.indexOf("/api/")),
                        null,
                        "{\"status\":\"complete\"}");
        assertEquals(200, replay.statusCode(), "a replayed callback is answered");
        assertEquals(
                files,
                Api.call(server, "GET", "/api/profiles/band/files", member, null).body(),
                "and changes nothing");
    }

    @Test
    void a_callback_needs_the_secret_of_the_jobs_latest_dispatch() throws Exception {
        worker.callBack = false;
        String jobId = upload(0.4);
        for (int i = 0; i < 50 && worker.received.isEmpty(); i++) {
            Thread.sleep(100);
        }
        String callback = StandInPushWorker.field(worker.received.get(0), "callback_url");
        String path = callback.substring(callback.indexOf("/api/"));
        String secret = path.substring(path.lastIndexOf('/') + 1);
        String wrong = path.substring(0, path.lastIndexOf('/') + 1) + "0".repeat(secret.length());
        assertEquals(
                404,
                Api.call(server, "POST", wrong, null, "{\"status\":\"complete\"}").statusCode());
        String absent = path.substring(0, path.lastIndexOf('/'));
        int withoutSecret =
                Api.call(server, "POST", absent, null, "{\"status\":\"complete\"}").statusCode();
        assertEquals(
                404,
                withoutSecret,
                "no secret: not a callback URL at all, answered as any unknown path under /api");
        assertEquals(
                404,
                Api.call(
                                server,
                                "POST",
                                path.replace(jobId, java.util.UUID.randomUUID().toString()),
                                null,
                                "{\"status\":\"complete\"}")
                        .statusCode());
        HttpResponse<String> early =
                Api.call(server, "POST", path, null, "{\"status\":\"complete\"}");
        assertEquals(400, early.statusCode(), "no metadata.json written yet: " + early.body());
        assertTrue(early.body().contains("metadata.json"), early.body());
        assertTrue(
                status(jobId, 0).contains("\"status\":\"processing\""), "the refusal requeued it");
        for (int i = 0; i < 50 && worker.received.size() < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(2, worker.received.size(), "the requeued job is sent again");
        assertEquals(
                404,
                Api.call(server, "POST", path, null, "{\"status\":\"error\",\"error\":\"x\"}")
                        .statusCode(),
                "a new dispatch has a new secret; the old one no longer counts");
        String second = StandInPushWorker.field(worker.received.get(1), "callback_url");
        HttpResponse<String> failed =
                Api.call(
                        server,
                        "POST",
                        second.substring(second.indexOf("/api/")),
                        null,
                        "{\"job_id\":\""
                                + jobId
                                + "\",\"status\":\"error\",\"error\":\"GPU fell over\"}");
        assertEquals(200, failed.statusCode(), failed.body());
    }
}
