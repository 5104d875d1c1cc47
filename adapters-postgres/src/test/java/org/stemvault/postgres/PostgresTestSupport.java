package org.stemvault.postgres;

import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.contracts.Fixtures;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.User;

/**
 * Base of the adapter tests: a Micronaut context on the real test database, emptied before every
 * test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PostgresTestSupport implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return properties();
    }

    /** The test database, and the adapter tests' own beans ({@link PostgresPorts}). */
    public static Map<String, String> properties() {
        Map<String, String> properties = new java.util.HashMap<>(TestDatabase.properties());
        properties.put(PostgresPorts.ADAPTER_TESTS, "true");
        return properties;
    }

    @Inject Sessions sessions;

    @BeforeEach
    void emptyTables() {
        TestDatabase.truncateAll();
    }

    /** The user as a viewer, in a session opened now (an hour long). */
    protected Viewer viewer(User user) {
        return Fixtures.viewer(sessions, user.id());
    }
}
