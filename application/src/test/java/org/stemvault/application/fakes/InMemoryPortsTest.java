package org.stemvault.application.fakes;

import org.junit.jupiter.api.Nested;
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

/** Every port contract, run against the in-memory fakes that the use-case tests use. */
class InMemoryPortsTest {

    final InMemoryWorld world = new InMemoryWorld();

    @Nested
    class Users extends UsersContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Sessions extends SessionsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class MediaDeletions extends MediaDeletionsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class MediaReferences extends MediaReferencesContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Profiles extends ProfilesContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Memberships extends MembershipsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class AudioFiles extends AudioFilesContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Recordings extends RecordingsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Catalogue extends CatalogueContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Embeddings extends EmbeddingsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Search extends SearchContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class PendingLogins extends PendingLoginsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Jobs extends JobsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class AuditLog extends AuditLogContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class WorkerTokens extends WorkerTokensContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class EmbeddingJobs extends EmbeddingJobsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Labels extends LabelsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Clips extends ClipsContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }

    @Nested
    class Mixes extends MixesContract {
        @Override
        protected Ports ports() {
            return world;
        }
    }
}
