package org.stemvault.application.contracts;

import org.junit.jupiter.api.BeforeEach;
import org.stemvault.application.Transactions;
import org.stemvault.application.fakes.Ports;
import org.stemvault.application.signin.PendingLogins;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
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
import org.stemvault.domain.user.User;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerTokens;

/**
 * The base of every port's contract test: each runs against the in-memory fakes (application's
 * tests) and against the PostgreSQL adapters (adapters-postgres' tests), so the fakes the use-case
 * tests rely on are proven to behave as the database does. The store is emptied before every test.
 */
public abstract class PortsContract {

    protected Users users;
    protected Sessions sessions;
    protected MediaDeletions deletions;
    protected MediaReferences mediaReferences;
    protected Profiles profiles;
    protected Memberships memberships;
    protected AudioFiles audioFiles;
    protected Recordings recordings;
    protected Catalogue catalogue;
    protected Embeddings embeddings;
    protected VectorSearch search;
    protected EmbeddingJobs embeddingJobs;
    protected Jobs jobs;
    protected AuditLog audit;
    protected WorkerTokens tokens;
    protected PendingLogins pending;
    protected Transactions transactions;
    protected Labels labels;
    protected Clips clips;
    protected RecordingConfigs configs;
    protected Mixes mixes;

    /** The ports under test. */
    protected abstract Ports ports();

    @BeforeEach
    final void connect() {
        Ports p = ports();
        p.reset();
        users = p.users();
        sessions = p.sessions();
        deletions = p.mediaDeletions();
        mediaReferences = p.mediaReferences();
        profiles = p.profiles();
        memberships = p.memberships();
        audioFiles = p.audioFiles();
        recordings = p.recordings();
        catalogue = p.catalogue();
        embeddings = p.embeddings();
        search = p.vectorSearch();
        embeddingJobs = p.embeddingJobs();
        jobs = p.jobs();
        audit = p.auditLog();
        tokens = p.workerTokens();
        pending = p.pendingLogins();
        transactions = p.transactions();
        mixes = p.mixes();
        labels = p.labels();
        clips = p.clips();
        configs = p.recordingConfigs();
    }

    /** The user as a viewer, in a session opened now (an hour long). */
    protected Viewer viewer(UserId user) {
        return Fixtures.viewer(sessions, user);
    }

    protected Viewer viewer(User user) {
        return viewer(user.id());
    }
}
