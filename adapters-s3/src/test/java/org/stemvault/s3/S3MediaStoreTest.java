package org.stemvault.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
