package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.generator.AccessTokenConfiguration;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.stemvault.application.Transactions;
import org.stemvault.application.access.AuditTrail;
import org.stemvault.application.access.MembershipAdmin;
import org.stemvault.application.access.ProfileAdmin;
import org.stemvault.application.access.UserAdmin;
import org.stemvault.application.access.WorkerTokenAdmin;
import org.stemvault.application.analysis.RecordingAnalysis;
import org.stemvault.application.clip.RecordingClips;
import org.stemvault.application.feedback.CurrentModel;
import org.stemvault.application.feedback.FeedbackLog;
import org.stemvault.application.ingest.Ingest;
import org.stemvault.application.job.JobQueue;
import org.stemvault.application.job.JobTracking;
import org.stemvault.application.job.LeaseExpiry;
import org.stemvault.application.job.PullWorker;
import org.stemvault.application.job.PushCallbacks;
import org.stemvault.application.job.Uploads;
import org.stemvault.application.job.WorkerFiles;
import org.stemvault.application.label.ProfileLabels;
import org.stemvault.application.legacy.LegacyExport;
import org.stemvault.application.legacy.LegacyImport;
import org.stemvault.application.library.Library;
import org.stemvault.application.library.RecordingMetadata;
import org.stemvault.application.media.MediaCleanup;
import org.stemvault.application.media.MediaVerify;
import org.stemvault.application.mix.MixRequests;
import org.stemvault.application.mix.MixSharing;
import org.stemvault.application.ops.Monitoring;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.application.search.Search;
import org.stemvault.application.search.Spaces;
import org.stemvault.application.search.TextIndex;
import org.stemvault.application.search.Vectors;
import org.stemvault.application.signin.Admission;
import org.stemvault.application.signin.SignIn;
import org.stemvault.application.worker.TokenSigner;
import org.stemvault.application.worker.Workers;
import org.stemvault.domain.analysis.Analyses;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audit.AuditLog;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.feedback.RankerModels;
import org.stemvault.domain.feedback.SearchFeedback;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.label.Labels;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.media.MediaDeletions;
import org.stemvault.domain.media.MediaReferences;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.domain.mix.MixShares;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.mix.SavedLevels;
import org.stemvault.domain.ops.Backlog;
import org.stemvault.domain.profile.Memberships;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.TextEmbedder;
import org.stemvault.domain.search.VectorSearch;
import org.stemvault.domain.user.Sessions;
import org.stemvault.domain.user.Users;
import org.stemvault.domain.worker.WorkerTokens;

/**
 * Builds the use cases from the adapters' port implementations: the one place that knows every
 * module.
 */
@Factory
final class UseCases {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    Admission admission(AuthSettings auth) {
        return auth.toAdmission();
    }

    /** A session lasts as long as its token: the configured access-token expiration. */
    @Singleton
    SignIn signIn(
            Users users,
            Memberships memberships,
            Sessions sessions,
            Admission admission,
            Transactions transactions,
            AccessTokenConfiguration tokens,
            Clock clock) {
        return new SignIn(
                users,
                memberships,
                sessions,
                admission,
                transactions,
                Duration.ofSeconds(tokens.getExpiration()),
                clock);
    }

    @Singleton
    Ingest ingest(
            Profiles profiles,
            AudioFiles audioFiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            RegisterRecording register,
            MediaStore media) {
        return new Ingest(profiles, audioFiles, recordings, transactions, clock, register, media);
    }

    @Singleton
    RegisterRecording registerRecording(
            Recordings recordings, Clips clips, TextIndex textIndex, Clock clock) {
        return new RegisterRecording(recordings, clips, textIndex, clock);
    }

    @Singleton
    Workers workers(WorkerTokens tokens, TokenSigner signer, Clock clock) {
        return new Workers(tokens, signer, clock);
    }

    @Singleton
    ProfileAdmin profileAdmin(
            Profiles profiles,
            Memberships memberships,
            Recordings recordings,
            AudioFiles audioFiles,
            MediaDeletions deletions,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        return new ProfileAdmin(
                profiles,
                memberships,
                recordings,
                audioFiles,
                deletions,
                audit,
                transactions,
                clock);
    }

    @Singleton
    MembershipAdmin membershipAdmin(
            Users users,
            Profiles profiles,
            Memberships memberships,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        return new MembershipAdmin(users, profiles, memberships, audit, transactions, clock);
    }

    @Singleton
    UserAdmin userAdmin(
            Users users,
            Sessions sessions,
            AuditLog audit,
            Transactions transactions,
            Clock clock) {
        return new UserAdmin(users, sessions, audit, transactions, clock);
    }

    @Singleton
    WorkerTokenAdmin workerTokenAdmin(
            Workers workers, AuditLog audit, Transactions transactions, Clock clock) {
        return new WorkerTokenAdmin(workers, audit, transactions, clock);
    }

    @Singleton
    AuditTrail auditTrail(AuditLog audit) {
        return new AuditTrail(audit);
    }

    @Singleton
    LegacyImport legacyImport(
            Profiles profiles,
            AudioFiles audioFiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            RegisterRecording register) {
        return new LegacyImport(profiles, audioFiles, recordings, transactions, clock, register);
    }

    @Singleton
    LegacyExport legacyExport(Profiles profiles, Recordings recordings, AudioFiles audioFiles) {
        return new LegacyExport(profiles, recordings, audioFiles);
    }

    @Singleton
    Spaces spaces(EmbeddingSettings settings) {
        return new Spaces(settings.parsedSpaces().values());
    }

    /**
     * The text model is asked for on first use only: a service without text spaces never loads it.
     */
    @Singleton
    TextIndex textIndex(
            Spaces spaces,
            EmbeddingJobs jobs,
            Recordings recordings,
            Embeddings embeddings,
            Provider<TextEmbedder> textModel,
            Clock clock) {
        return new TextIndex(spaces.text(), jobs, recordings, embeddings, textModel::get, clock);
    }

    @Singleton
    Vectors vectors(
            Spaces spaces,
            Embeddings embeddings,
            Catalogue catalogue,
            Profiles profiles,
            Recordings recordings,
            Transactions transactions,
            Clock clock) {
        return new Vectors(
                spaces, embeddings, catalogue, profiles, recordings, transactions, clock);
    }

    @Singleton
    Search search(
            Spaces spaces,
            Embeddings embeddings,
            VectorSearch vectorSearch,
            Catalogue catalogue,
            TextIndex textIndex,
            SearchSettings settings,
            FeedbackSettings feedback,
            CurrentModel model) {
        return new Search(
                spaces,
                embeddings,
                vectorSearch,
                catalogue,
                textIndex,
                settings.rrfK(),
                feedback.policy(),
                model);
    }

    @Singleton
    CurrentModel currentModel(RankerModels models, Clock clock, FeedbackSettings feedback) {
        return new CurrentModel(models, clock, feedback.modelTtl());
    }

    @Singleton
    FeedbackLog feedbackLog(
            SearchFeedback feedback,
            RankerModels models,
            CurrentModel current,
            FeedbackSettings settings,
            Clock clock) {
        return new FeedbackLog(feedback, models, current, settings.policy(), clock);
    }

    @Singleton
    Library library(
            Catalogue catalogue,
            Recordings recordings,
            MediaStore media,
            MediaDeletions deletions,
            Transactions transactions,
            Clock clock,
            TextIndex textIndex,
            Jobs jobs,
            AudioFiles audioFiles) {
        return new Library(
                catalogue,
                recordings,
                media,
                deletions,
                transactions,
                clock,
                textIndex,
                jobs,
                audioFiles);
    }

    @Singleton
    RecordingMetadata recordingMetadata(
            Catalogue catalogue,
            Labels labels,
            Recordings recordings,
            Library library,
            Transactions transactions,
            Clock clock,
            RecordingConfigs configs) {
        return new RecordingMetadata(
                catalogue, labels, recordings, library, transactions, clock, configs);
    }

    @Singleton
    RecordingClips recordingClips(
            Catalogue catalogue,
            Clips clips,
            Labels labels,
            Transactions transactions,
            Clock clock) {
        return new RecordingClips(catalogue, clips, labels, transactions, clock);
    }

    @Singleton
    ProfileLabels profileLabels(
            Catalogue catalogue, Labels labels, Transactions transactions, Clock clock) {
        return new ProfileLabels(catalogue, labels, transactions, clock);
    }

    @Singleton
    Uploads uploads(
            Catalogue catalogue,
            AudioFiles audioFiles,
            Recordings recordings,
            Jobs jobs,
            MediaStore media,
            Transactions transactions,
            Clock clock,
            JobSettings settings,
            MediaDeletions deletions) {
        return new Uploads(
                catalogue,
                audioFiles,
                recordings,
                jobs,
                media,
                transactions,
                clock,
                settings.uploads(),
                deletions);
    }

    @Singleton
    MixRequests mixRequests(
            Catalogue catalogue,
            Clips clips,
            SavedLevels saved,
            Mixes mixes,
            Jobs jobs,
            MediaStore media,
            Transactions transactions,
            Clock clock,
            JobSettings settings) {
        return new MixRequests(
                catalogue,
                clips,
                saved,
                mixes,
                jobs,
                media,
                transactions,
                clock,
                settings.uploads().maxAttempts());
    }

    @Singleton
    MixSharing mixSharing(
            MixRequests requests,
            Mixes mixes,
            MixShares shares,
            MediaStore media,
            Clock clock,
            MixSettings settings) {
        return new MixSharing(requests, mixes, shares, media, clock, settings.shareLinks());
    }

    @Singleton
    RecordingAnalysis recordingAnalysis(
            Catalogue catalogue,
            Analyses analyses,
            Jobs jobs,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            JobSettings settings) {
        return new RecordingAnalysis(
                catalogue,
                analyses,
                jobs,
                recordings,
                transactions,
                clock,
                settings.uploads().maxAttempts());
    }

    @Singleton
    JobTracking jobTracking(Jobs jobs, Catalogue catalogue) {
        return new JobTracking(jobs, catalogue);
    }

    @Singleton
    WorkerFiles workerFiles(Jobs jobs, Mixes mixes, MediaStore media, JobSettings settings) {
        return new WorkerFiles(jobs, mixes, media, settings.processing());
    }

    @Singleton
    PullWorker pullWorker(
            Jobs jobs,
            Mixes mixes,
            Profiles profiles,
            Recordings recordings,
            MediaStore media,
            WorkerFiles files,
            RegisterRecording register,
            Transactions transactions,
            Clock clock,
            JobSettings settings) {
        return new PullWorker(
                jobs,
                mixes,
                profiles,
                recordings,
                media,
                files,
                register,
                transactions,
                clock,
                settings.processing());
    }

    @Singleton
    PushCallbacks pushCallbacks(
            Jobs jobs,
            Recordings recordings,
            RecordingFolders folders,
            RegisterRecording register,
            Transactions transactions,
            Clock clock,
            JobSettings settings) {
        return new PushCallbacks(
                jobs, recordings, folders, register, transactions, clock, settings.processing());
    }

    @Singleton
    JobQueue jobQueue(Jobs jobs, Recordings recordings, Transactions transactions, Clock clock) {
        return new JobQueue(jobs, recordings, transactions, clock);
    }

    @Singleton
    LeaseExpiry leaseExpiry(Jobs jobs, Clock clock) {
        return new LeaseExpiry(jobs, clock);
    }

    @Singleton
    MediaCleanup mediaCleanup(
            MediaDeletions deletions, MediaStore store, Clock clock, MediaSettings settings) {
        return new MediaCleanup(
                deletions, store, clock, Duration.ofMinutes(5), settings.cleanupInterval());
    }

    @Singleton
    MediaVerify mediaVerify(
            MediaReferences references, MediaStore store, MediaDeletions deletions) {
        return new MediaVerify(references, store, deletions);
    }

    @Singleton
    Monitoring monitoring(Backlog backlog, Clock clock) {
        return new Monitoring(backlog, clock);
    }
}
