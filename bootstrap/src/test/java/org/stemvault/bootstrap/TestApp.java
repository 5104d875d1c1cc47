package org.stemvault.bootstrap;

import java.util.HashMap;
import java.util.Map;
import org.stemvault.postgres.TestDatabase;

/** The settings every end-to-end test starts the service with: the test database and a test signing key. */
final class TestApp {

    static final String JWT_SECRET = "end-to-end-test-signing-key-0123456789abcdef";

    private TestApp() {
    }

    static Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.properties());
        properties.put("stemvault.auth.jwt-secret", JWT_SECRET);
        return properties;
    }
}
