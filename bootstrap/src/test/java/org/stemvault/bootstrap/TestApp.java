package org.stemvault.bootstrap;

import java.util.HashMap;
import java.util.Map;
import org.stemvault.postgres.TestDatabase;
import org.stemvault.s3.TestS3;

/**
 * The settings every end-to-end test starts the service with: the test database, a test signing
 * key, the loopback OpenID provider, and a frontend URL to land on.
 */
final class TestApp {

    static final String JWT_SECRET = "end-to-end-test-signing-key-0123456789abcdef";
    static final String FRONTEND = "http://frontend.test/app";

    private TestApp() {}

    /**
     * The settings that keep media in {@code bucket} on the loopback S3 server (made if missing).
     */
    static Map<String, String> inBucket(String bucket) {
        return Map.of(
                "stemvault.media.store",
                "s3",
                "stemvault.media.s3.endpoint",
                TestS3.endpoint().toString(),
                "stemvault.media.s3.bucket",
                bucket,
                "stemvault.media.s3.access-key",
                TestS3.ACCESS_KEY,
                "stemvault.media.s3.secret-key",
                TestS3.SECRET_KEY,
                "stemvault.media.s3.create-bucket",
                "true");
    }

    static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("micronaut.server.port", "-1"); // a free port: test JVMs run side by side
        properties.putAll(TestOidc.properties());
        properties.put("stemvault.auth.jwt-secret", JWT_SECRET);
        properties.put("stemvault.auth.frontend-url", FRONTEND);
        properties.put("stemvault.auth.admission", "open");
        properties.put("stemvault.embedding.spaces", "audio:4:external");
        // media in a folder of the test run's own, never the default ./media in the source tree
        properties.put("stemvault.media.root", MEDIA.toString());
        return properties;
    }

    /** The media root of every test that does not choose one. */
    static final java.nio.file.Path MEDIA = JobsTest.tempDir();
}
