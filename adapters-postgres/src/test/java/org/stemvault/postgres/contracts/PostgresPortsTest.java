package org.stemvault.postgres.contracts;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.stemvault.application.contracts.AudioFilesContract;
import org.stemvault.application.contracts.AuditLogContract;
import org.stemvault.application.contracts.CatalogueContract;
import org.stemvault.application.contracts.ClipsContract;
import org.stemvault.application.contracts.EmbeddingJobsContract;
import org.stemvault.application.contracts.EmbeddingsContract;
import org.stemvault.application.contracts.JobsContract;
import org.stemvault.application.contracts.LabelsContract;
import org.stemvault.application.contracts.MediaDeletionsContract;
import org.stemvault.application.contracts.MediaReferencesContract;
import org.stemvault.application.contracts.MembershipsContract;
import org.stemvault.application.contracts.MixesContract;
import org.stemvault.application.contracts.PendingLoginsContract;
import org.stemvault.application.contracts.ProfilesContract;
import org.stemvault.application.contracts.RecordingsContract;
import org.stemvault.application.contracts.SearchContract;
import org.stemvault.application.contracts.SessionsContract;
import org.stemvault.application.contracts.UsersContract;
import org.stemvault.application.contracts.WorkerTokensContract;
import org.stemvault.application.fakes.Ports;
import org.stemvault.postgres.PostgresPorts;
import org.stemvault.postgres.PostgresTestSupport;
import org.stemvault.postgres.TestDatabase;

/**
 * Every port contract, run against the PostgreSQL adapters on the real database, in one application
 * context.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPortsTest implements TestPropertyProvider {

    @Inject PostgresPorts postgres;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(PostgresTestSupport.properties());
        properties.put(
                "datasources.default.connection-init-sql",
                "SET hnsw.iterative_scan = relaxed_order");
        return properties;
    }

    @AfterAll
    void dropIndexes() throws Exception {
        try (Connection c = TestDatabase.connect();
                Statement s = c.createStatement()) {
            s.execute("DROP INDEX IF EXISTS embeddings_hnsw_search_small_3");
        }
    }

    @Nested
    class Users extends UsersContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class MediaDeletions extends MediaDeletionsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class MediaReferences extends MediaReferencesContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Profiles extends ProfilesContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Memberships extends MembershipsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class AudioFiles extends AudioFilesContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Recordings extends RecordingsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Catalogue extends CatalogueContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Embeddings extends EmbeddingsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Search extends SearchContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class PendingLogins extends PendingLoginsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Jobs extends JobsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class WorkerTokens extends WorkerTokensContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class EmbeddingJobs extends EmbeddingJobsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Labels extends LabelsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Clips extends ClipsContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }

    @Nested
    class Mixes extends MixesContract {
        @Override
        protected Ports ports() {
            return postgres;
        }
    }
}
