package org.stemvault.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.domain.profile.Profile;
import org.stemvault.files.legacy.LegacyFixture;
import org.stemvault.s3.S3MediaStore;
import org.stemvault.s3.TestS3;

/**
 * Media in a bucket (a real S3-compatible server on loopback), served by several instances on one
 * database: a take uploaded and completed through instance A is listed and played by B, which
 * streams it, and by C, which redirects to a link into the bucket; a worker reads the source and
 * writes its stems through presigned links, holding no credential of the store; no instance keeps
 * any media on its own disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ObjectStoreTest {

    final String bucket = "library-" + UUID.randomUUID().toString().substring(0, 8);
    final Map<String, Path> disks = new HashMap<>();
    EmbeddedServer a;
    EmbeddedServer b;
    EmbeddedServer c;

    EmbeddedServer instance(String name, String delivery) throws Exception {
        Path disk = Files.createTempDirectory("stemvault-instance-" + name);
        disks.put(name, disk);
        Map<String, Object> properties = new HashMap<>(TestApp.properties());
        properties.put("micronaut.server.port", "-1");
        properties.put("stemvault.media.root", disk.toString());
        properties.putAll(TestApp.inBucket(bucket));
        properties.put("stemvault.media.delivery", delivery);
        properties.put("stemvault.media.link-expiry", "3s"); // played at once, then seen to expire
        properties.put("stemvault.media.cleanup-interval", "500ms");
        properties.put("stemvault.media.s3.prefix", "stemvault");
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    @BeforeAll
    void start() throws Exception {
        a = instance("a", "proxy");
        b = instance("b", "proxy");
        c = instance("c", "redirect");
    }

    @AfterAll
    void stop() {
        for (EmbeddedServer server : new EmbeddedServer[] {a, b, c}) {
            if (server != null) {
                server.getApplicationContext().close();
            }
        }
    }

    static HttpResponse<byte[]> fetch(URI uri, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (range != null) {
            request.header("Range", range);
        }
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<String> media(
            EmbeddedServer server, String path, String token, String range) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(server.getURL() + path))
                        .header("Authorization", "Bearer " + token);
        if (range != null) {
            request.header("Range", range);
        }
        return Api.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_take_cut_short_is_refused_while_it_streams_to_the_bucket() throws Exception {
        Seed seed = a.getApplicationContext().getBean(Seed.class);
        seed.reset();
        String member = seed.memberOf(seed.profile("band"), "member@example.com");
        String admin = seed.token(seed.admin("admin@example.com"));
        String whole = Api.multipart("jam.wav", LegacyFixture.wav(0.4, 8000));
        HttpResponse<String> cut =
                Api.uploadBody(a, "/api/upload/band", member, JobsTest.cutShort(whole));
        assertEquals(400, cut.statusCode(), cut.body());
        assertTrue(cut.body().contains("\"field\":\"data\""), cut.body());
        assertEquals("[]", Api.call(a, "GET", "/api/admin/jobs", admin, null).body());
        assertEquals(200, Api.uploadBody(a, "/api/upload/band", member, whole).statusCode());
    }

    @Test
    void a_take_uploaded_on_one_instance_plays_on_the_others_from_the_bucket() throws Exception {
        Seed seed = a.getApplicationContext().getBean(Seed.class);
        seed.reset();
        Profile band = seed.profile("band");
        String member = seed.memberOf(band, "member@example.com");
        String stranger = seed.token(seed.user("stranger@example.com"));
        String worker = seed.worker("gpu").bearer();

        byte[] wav = LegacyFixture.wav(0.2, 8000);
        HttpResponse<String> uploaded = Api.upload(a, "/api/upload/band", member, "jam.wav", wav);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        String jobId = JobsTest.field(uploaded.body(), "job_id");
        String outputName = JobsTest.field(uploaded.body(), "output_name");

        HttpResponse<String> claim = Api.call(a, "POST", "/api/worker/jobs/claim", worker, null);
        assertEquals(200, claim.statusCode(), claim.body());
        String source = JobsTest.field(claim.body(), "source_url");
        assertTrue(
                source.startsWith(TestS3.endpoint().toString()),
                "a link into the bucket: " + source);
        assertTrue(
                java.util.Arrays.equals(wav, fetch(URI.create(source), null).body()),
                "the worker reads the source from the bucket, with no token of ours");
        for (String type :
                new String[] {
                    "vocals",
                    "drums",
                    "bass",
                    "other",
                    "vocals_waveform",
                    "drums_waveform",
                    "bass_waveform",
                    "other_waveform"
                }) {
            String file = type + (type.endsWith("_waveform") ? ".png" : ".opus");
            String link = JobsTest.field(claim.body(), file);
            assertTrue(link != null && link.startsWith(TestS3.endpoint().toString()), claim.body());
            HttpResponse<String> put =
                    Api.HTTP.send(
                            HttpRequest.newBuilder(URI.create(link))
                                    .PUT(HttpRequest.BodyPublishers.ofString(type + "-0123456789"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
        }
        HttpResponse<String> done =
                Api.call(
                        a,
                        "POST",
                        "/api/worker/jobs/" + jobId + "/complete",
                        worker,
                        JobsTest.completion());
        assertEquals(200, done.statusCode(), done.body());

        String path = "/media/band/" + outputName + "/vocals.opus";
        for (EmbeddedServer server : List.of(b, c)) {
            HttpResponse<String> files =
                    Api.call(server, "GET", "/api/profiles/band/files", member, null);
            assertTrue(files.body().contains("\"audio_url\":\"" + path + "\""), files.body());
            assertEquals(404, media(server, path, stranger, null).statusCode(), "a non-member");
        }

        HttpResponse<String> streamed = media(b, path, member, "bytes=7-10");
        assertEquals(206, streamed.statusCode(), streamed.body());
        assertEquals("0123", streamed.body());
        assertEquals("bytes 7-10/17", streamed.headers().firstValue("Content-Range").orElse(""));

        HttpResponse<String> redirected = media(c, path, member, "bytes=7-10");
        assertEquals(302, redirected.statusCode(), redirected.body());
        URI link = URI.create(redirected.headers().firstValue("Location").orElseThrow());
        assertTrue(link.toString().startsWith(TestS3.endpoint().toString()), link.toString());
        assertTrue(!link.toString().contains(TestS3.SECRET_KEY), "the link holds no secret");
        HttpResponse<byte[]> played = fetch(link, "bytes=7-10");
        assertEquals(206, played.statusCode());
        assertEquals("0123", new String(played.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(
                "audio/ogg; codecs=opus", played.headers().firstValue("Content-Type").orElse(""));
        // The bucket's clock decides when a signature expires: asked again until it refuses.
        long expiresBy = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(100);
            status = fetch(link, null).statusCode();
        } while ((status == 200 || status == 206) && System.nanoTime() < expiresBy);
        assertEquals(403, status, "the link has expired");
        assertEquals(302, media(c, path, member, null).statusCode(), "a fresh one is handed out");

        // Deleted on B: the recording goes at once, its objects by the pending-deletions table.
        S3MediaStore bucketView = new S3MediaStore(TestS3.settings(bucket, "stemvault"));
        assertEquals(
                8,
                bucketView.list("band/" + outputName).size(),
                "four stems and their waveforms stored");
        assertEquals(
                204,
                Api.call(b, "DELETE", "/api/profiles/band/files/" + outputName, member, null)
                        .statusCode());
        // C remembered the member's grant: it forgets it when it hears the database announce the
        // deletion, a few milliseconds after B's answer
        long heardBy = System.nanoTime() + 5_000_000_000L;
        int afterDelete = media(c, path, member, null).statusCode();
        while (afterDelete != 404 && System.nanoTime() < heardBy) {
            Thread.sleep(20);
            afterDelete = media(c, path, member, null).statusCode();
        }
        assertEquals(404, afterDelete, "gone on every instance once they hear of it");
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!bucketView.list("band/" + outputName).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(List.of(), bucketView.list("band/" + outputName), "no object left behind");
        assertTrue(
                bucketView
                                .find(
                                        new org.stemvault.domain.media.MediaKey(
                                                "inputs/band/" + outputName + ".wav"))
                                .isPresent()
                        || !bucketView.list("inputs/band").isEmpty(),
                "the source stays with its registered audio file");

        for (Map.Entry<String, Path> disk : disks.entrySet()) {
            try (Stream<Path> files = Files.walk(disk.getValue())) {
                assertEquals(
                        List.of(disk.getValue()),
                        files.toList(),
                        "instance " + disk.getKey() + " keeps no media on its disk");
            }
        }
    }
}
