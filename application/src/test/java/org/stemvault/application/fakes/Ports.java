package org.stemvault.application.fakes;

import org.stemvault.application.Transactions;
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

/**
 * Every outbound port over one store, as the contract tests see it: the in-memory fakes, or the
 * PostgreSQL adapters. Configured admins are {@link #CONFIGURED_ADMIN}.
 */
public interface Ports {

    /** The one email configured as an admin wherever ports are made for tests. */
    String CONFIGURED_ADMIN = "configured-admin@example.com";

    Users users();

    Sessions sessions();

    MediaDeletions mediaDeletions();

    MediaReferences mediaReferences();

    Profiles profiles();

    Memberships memberships();

    AudioFiles audioFiles();

    Recordings recordings();

    Catalogue catalogue();

    Embeddings embeddings();

    VectorSearch vectorSearch();

    EmbeddingJobs embeddingJobs();

    AuditLog auditLog();

    WorkerTokens workerTokens();

    PendingLogins pendingLogins();

    Jobs jobs();

    Labels labels();

    Clips clips();

    RecordingConfigs recordingConfigs();

    Mixes mixes();

    Transactions transactions();

    /** Empties the store. */
    void reset();

    /** Removes a user with their memberships, as an operator would by hand (no port does it). */
    void deleteUser(UserId id);
}
