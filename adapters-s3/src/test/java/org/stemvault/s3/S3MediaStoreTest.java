package org.stemvault.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stemvault.application.contracts.MediaStoreContract;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Unavailable;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;

class S3MediaStoreTest {

    /** The media-store contract on a real S3-compatible server, keys at the bucket's top. */
    @Nested
    class AtTheTop extends MediaStoreContract {
        @Override
        protected MediaStore store() {
            return new S3MediaStore(TestS3.settings("media", ""));
        }
    }

    /** The same contract with every key under a prefix. */
    @Nested
    class UnderAPrefix extends MediaStoreContract {
        @Override
        protected MediaStore store() {
            return new S3MediaStore(TestS3.settings("shared", "stemvault"));
        }
    }

    @Test
    void keys_are_the_legacy_layout_under_the_prefix() throws Exception {
        S3MediaStore prefixed = new S3MediaStore(TestS3.settings("shared", "libraries/a/"));
        MediaKey key = new MediaKey("band/take-1/vocals.opus");
        assertEquals("libraries/a/band/take-1/vocals.opus", prefixed.object(key));
        prefixed.write(key, new ByteArrayInputStream("x".getBytes(StandardCharsets.UTF_8)));
        S3MediaStore top = new S3MediaStore(TestS3.settings("shared", ""));
        assertTrue(top.find(new MediaKey("libraries/a/band/take-1/vocals.opus")).isPresent());
        assertTrue(top.find(key).isEmpty(), "another prefix is another library");
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a_download_link_serves_the_bytes_with_the_type_asked_for_and_a_changed_one_is_refused()
            throws Exception {
        S3MediaStore store = new S3MediaStore(TestS3.settings("media", ""));
        MediaKey key = new MediaKey("band/take-1/vocals.opus");
        store.write(key, new ByteArrayInputStream("opus bytes".getBytes(StandardCharsets.UTF_8)));
        URI link =
                store.find(key)
                        .orElseThrow()
                        .link(Duration.ofMinutes(5), "audio/ogg")
                        .orElseThrow();
        assertTrue(!link.toString().contains(TestS3.SECRET_KEY), "the link holds no secret");
        HttpResponse<String> got =
                HTTP.send(
                        HttpRequest.newBuilder(link).header("Range", "bytes=5-").build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(206, got.statusCode(), got.body());
        assertEquals("bytes", got.body());
        assertEquals("audio/ogg", got.headers().firstValue("Content-Type").orElse(""));
        URI tampered = URI.create(link.toString().replace("vocals.opus", "drums.opus"));
        assertEquals(
                403,
                HTTP.send(
                                HttpRequest.newBuilder(tampered).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "a link signs its one object");
    }

    @Test
    void an_upload_link_takes_a_put_without_credentials() throws Exception {
        S3MediaStore store = new S3MediaStore(TestS3.settings("media", "uploads"));
        MediaKey key = new MediaKey("band/take-2/drums.opus");
        URI link = store.uploadLink(key, Duration.ofMinutes(5)).orElseThrow();
        HttpResponse<String> put =
                HTTP.send(
                        HttpRequest.newBuilder(link)
                                .PUT(HttpRequest.BodyPublishers.ofString("drum bytes"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(10, store.find(key).orElseThrow().size());
    }

    @Test
    void a_link_stops_working_once_it_expires() throws Exception {
        S3MediaStore store = new S3MediaStore(TestS3.settings("media", ""));
        MediaKey key = new MediaKey("band/take-3/bass.opus");
        store.write(key, new ByteArrayInputStream("bass".getBytes(StandardCharsets.UTF_8)));
        URI link =
                store.find(key)
                        .orElseThrow()
                        .link(Duration.ofSeconds(1), "audio/ogg")
                        .orElseThrow();
        assertEquals(
                200,
                HTTP.send(
                                HttpRequest.newBuilder(link).build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode(),
                "the link works while it is valid");
        // The bucket's clock decides when a signature expires (a server outside the service's
        // clock): asked again until it refuses, at most a few seconds past the second it was given.
        long deadline = System.nanoTime() + 10_000_000_000L;
        int status;
        do {
            Thread.sleep(100);
            status =
                    HTTP.send(
                                    HttpRequest.newBuilder(link).build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode();
        } while (status == 200 && System.nanoTime() < deadline);
        assertEquals(403, status, "the link has expired");
    }

    @Test
    void a_store_that_cannot_be_reached_is_unavailable_not_missing() {
        S3MediaStore away =
                new S3MediaStore(
                        new S3Settings(
                                URI.create("http://127.0.0.1:1"),
                                null,
                                "media",
                                TestS3.ACCESS_KEY,
                                TestS3.SECRET_KEY,
                                true,
                                null));
        assertThrows(Unavailable.class, () -> away.find(new MediaKey("band/take-1/vocals.opus")));
    }

    @Test
    void a_wrong_secret_or_a_missing_bucket_is_refused_at_the_check_without_the_secret() {
        S3Settings wrong =
                new S3Settings(
                        TestS3.endpoint(), null, "media", TestS3.ACCESS_KEY, "not-it", true, null);
        IllegalStateException refused =
                assertThrows(
                        IllegalStateException.class,
                        () -> new S3MediaStore(wrong).checkBucket(false));
        assertTrue(!refused.getMessage().contains("not-it"), refused.getMessage());
        S3Settings missing =
                new S3Settings(
                        TestS3.endpoint(),
                        null,
                        "no-such-bucket",
                        TestS3.ACCESS_KEY,
                        TestS3.SECRET_KEY,
                        true,
                        null);
        IllegalStateException absent =
                assertThrows(
                        IllegalStateException.class,
                        () -> new S3MediaStore(missing).checkBucket(false));
        assertTrue(absent.getMessage().contains("no-such-bucket"), absent.getMessage());
    }

    @Test
    void settings_refuse_what_cannot_be_an_endpoint_or_a_bucket() {
        assertThrows(
                Invalid.class,
                () -> new S3Settings(URI.create("ftp://x"), null, "b", "a", "s", true, null));
        assertThrows(
                Invalid.class,
                () -> new S3Settings(URI.create("http://x"), null, " ", "a", "s", true, null));
        assertTrue(
                !new S3Settings(URI.create("http://x"), null, "b", "a", "secret", true, null)
                        .toString()
                        .contains("secret"));
    }
}
