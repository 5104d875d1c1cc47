package org.stemvault.postgres.contracts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.contracts.SearchContract;
import org.stemvault.application.fakes.Ports;
import org.stemvault.postgres.PostgresPorts;
import org.stemvault.postgres.PostgresTestSupport;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresSearchTest extends SearchContract implements TestPropertyProvider {

    @Inject PostgresPorts postgres;

    @Override
    protected Ports ports() {
        return postgres;
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(PostgresTestSupport.properties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.iterative_scan = relaxed_order");
        return properties;
    }

    @org.junit.jupiter.api.AfterAll
    void dropIndex() throws Exception {
        try (java.sql.Connection c = org.stemvault.postgres.TestDatabase.connect();
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS embeddings_hnsw_search_small_3");
        }
    }
}
