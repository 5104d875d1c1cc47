package org.stemvault.postgres;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import org.stemvault.application.Transactions;
import org.stemvault.application.fakes.Ports;
import org.stemvault.application.signin.Admission;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaReferences;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerTokens;

/** The PostgreSQL adapters as the port contracts see them, on the test database. */
@Singleton
@Requires(property = PostgresPorts.ADAPTER_TESTS)
public record PostgresPorts(
        Users users,
        Sessions sessions,
        MediaDeletions mediaDeletions,
        MediaReferences mediaReferences,
        Profiles profiles,
        Memberships memberships,
        AudioFiles audioFiles,
        Recordings recordings,
        Catalogue catalogue,
        Embeddings embeddings,
        VectorSearch vectorSearch,
        EmbeddingJobs embeddingJobs,
        AuditLog auditLog,
        WorkerTokens workerTokens,
        PendingLogins pendingLogins,
        Transactions transactions,
        Jobs jobs,
        Labels labels,
        Clips clips,
        RecordingConfigs recordingConfigs,
        Mixes mixes)
        implements Ports {

    /**
     * Set in the adapter tests' contexts only (the end-to-end tests have the application's own
     * beans).
     */
    public static final String ADAPTER_TESTS = "stemvault.test.adapter-tests";

    @Override
    public void reset() {
        TestDatabase.truncateAll();
    }

    @Override
    public void deleteUser(UserId id) {
        try (Connection c = TestDatabase.connect();
                PreparedStatement ps = c.prepareStatement("DELETE FROM users WHERE id = ?")) {
            ps.setObject(1, id.value());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Who is admitted, and the one configured admin, for the adapters that read it. */
    @Factory
    @Requires(property = ADAPTER_TESTS)
    static class TestAdmission {
        @Singleton
        Admission admission() {
            return new Admission(
                    Admission.Mode.OPEN, Set.of(), Set.of(), Set.of(Ports.CONFIGURED_ADMIN));
        }
    }
}
