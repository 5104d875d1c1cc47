package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.files.legacy.LegacyFixture;

/**
 * The service killed with SIGKILL at the two worst moments of a job, then started again: nothing
 * about the job lived in the dead process, so the new one finishes it. The service runs in child
 * JVMs on one port (its public URL, which the push worker's callback uses); the stand-in push
 * worker runs in the test.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashRecoveryTest implements TestPropertyProvider {

    static final Path MEDIA = JobsTest.tempDir();
    final StandInPushWorker worker = new StandInPushWorker(MEDIA);
    final int port = Api.freePort();

    @Inject Seed seed;

    String member;

    @Override
    public Map<String, String> getProperties() {
        return TestApp.properties();
    }

    @AfterAll
    void stopWorker() {
        worker.close();
    }

    @BeforeEach
    void world() {
        member = seed.reset().memberOf(seed.profile("band"), "member@example.com");
        worker.received.clear();
        worker.refusals.set(0);
        worker.hold = new CountDownLatch(0);
    }

    Process start() throws Exception {
        return ChildService.start(
                port,
                MEDIA.resolve("service.log"),
                "STEMVAULT_JWT_SECRET",
                TestApp.JWT_SECRET,
                "STEMVAULT_MEDIA_ROOT",
                MEDIA.toString(),
                "STEMVAULT_EMBEDDING_SPACES",
                "audio:4:external",
                "STEMVAULT_WORKER_URL",
                worker.url(),
                "STEMVAULT_WORKER_POLL_INTERVAL",
                "200ms",
                "STEMVAULT_WORKER_SEND_LEASE",
                "3s",
                "STEMVAULT_JOB_BACKOFF",
                "0s",
                "STEMVAULT_JOB_MAX_ATTEMPTS",
                "100",
                "STEMVAULT_JOB_JANITOR_INTERVAL",
                "500ms",
                "STEMVAULT_PUBLIC_URL",
                "http://127.0.0.1:" + port);
    }

    static void kill(Process service) throws InterruptedException {
        service.destroyForcibly();
        assertTrue(service.waitFor(10, TimeUnit.SECONDS));
    }

    String upload(double seconds) throws Exception {
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/upload/band"))
                        .header("Authorization", "Bearer " + member)
                        .header("Content-Type", Api.MULTIPART)
                        .POST(
                                HttpRequest.BodyPublishers.ofByteArray(
                                        Api.multipart("take.wav", LegacyFixture.wav(seconds, 8000))
                                                .getBytes(
                                                        java.nio.charset.StandardCharsets
                                                                .ISO_8859_1)))
                        .build();
        HttpResponse<String> r = Api.HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JobsTest.field(r.body(), "job_id");
    }

    String awaitComplete(String jobId) throws Exception {
        String body = "";
        for (int i = 0; i < 10 && !body.contains("\"status\":\"complete\""); i++) {
            body =
                    Api.HTTP
                            .send(
                                    HttpRequest.newBuilder(
                                                    URI.create(
                                                            "http://127.0.0.1:"
                                                                    + port
                                                                    + "/api/jobs/"
                                                                    + jobId
                                                                    + "/status?wait=5"))
                                            .header("Authorization", "Bearer " + member)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
        }
        return body;
    }

    static boolean recordedAsSent(String jobId) throws java.sql.SQLException {
        return AdminTest.count(
                        "SELECT count(*) FROM jobs WHERE id = '"
                                + java.util.UUID.fromString(jobId)
                                + "' AND stage = 'sent to the worker'")
                == 1;
    }

    @Test
    void killed_between_upload_and_dispatch_the_job_is_sent_after_the_restart() throws Exception {
        worker.refusals.set(Integer.MAX_VALUE);
        Process first = start();
        String jobId;
        try {
            jobId = upload(0.3);
            for (int i = 0; i < 50 && worker.received.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertTrue(!worker.received.isEmpty(), "the worker was asked and refused");
        } finally {
            kill(first);
        }
        worker.refusals.set(0);
        Process second = start();
        try {
            String done = awaitComplete(jobId);
            assertTrue(
                    done.contains(
                            "\"status\":\"complete\",\"stems\":[\"vocals\",\"drums\",\"bass\",\"other\"]"),
                    done);
        } finally {
            kill(second);
        }
    }

    @Test
    void killed_between_dispatch_and_callback_the_callback_completes_the_job_on_the_new_instance()
            throws Exception {
        worker.hold = new CountDownLatch(1);
        Process first = start();
        String jobId;
        try {
            jobId = upload(0.35);
            for (int i = 0; i < 50 && worker.received.isEmpty(); i++) {
                Thread.sleep(100);
            }
            assertEquals(1, worker.received.size(), "the worker took the job");
            // the kill must come after the service recorded that the worker took it; killed
            // before that record, the job is rightly sent again once its send lease runs out
            for (int i = 0; i < 100 && !recordedAsSent(jobId); i++) {
                Thread.sleep(50);
            }
            assertTrue(recordedAsSent(jobId), "the service recorded the send");
        } finally {
            kill(first);
        }
        Process second = start();
        try {
            worker.hold.countDown();
            String done = awaitComplete(jobId);
            assertTrue(done.contains("\"status\":\"complete\""), done);
            assertEquals(1, worker.received.size(), "taken once, completed once: never sent again");
        } finally {
            kill(second);
        }
    }
}
