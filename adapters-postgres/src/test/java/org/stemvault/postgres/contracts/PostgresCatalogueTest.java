package org.stemvault.postgres.contracts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.contracts.CatalogueContract;
import org.stemvault.application.fakes.Ports;
import org.stemvault.postgres.PostgresPorts;
import org.stemvault.postgres.PostgresTestSupport;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresCatalogueTest extends CatalogueContract implements TestPropertyProvider {

    @Inject PostgresPorts postgres;

    @Override
    protected Ports ports() {
        return postgres;
    }

    @Override
    public Map<String, String> getProperties() {
        return PostgresTestSupport.properties();
    }
}
