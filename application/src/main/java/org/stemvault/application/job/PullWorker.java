package org.stemvault.application.job;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.stemvault.application.Backoff;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * The pull protocol of a processing worker: claim the oldest due job under a lease, report progress
 * (which extends the lease), then complete it, fail the attempt or hand it back. Its files go
 * through {@link WorkerFiles}.
 */
public final class PullWorker {

    /**
     * A claimed job with what its worker needs besides: the profile's strategy, the output format,
     * links into the store.
     */
    public record Claim(
            Job job,
            String strategyName,
            String outputFormat,
            String outputBitrate,
            Optional<URI> sourceLink,
            Map<String, URI> outputLinks) {

        public Claim {
            outputLinks = Map.copyOf(outputLinks);
        }
    }

    private final Jobs jobs;
    private final Profiles profiles;
    private final Recordings recordings;
    private final MediaStore media;
    private final WorkerFiles files;
    private final Completion completion;
    private final Transactions transactions;
    private final Clock clock;
    private final ProcessingSettings settings;

    public PullWorker(
            Jobs jobs,
            Profiles profiles,
            Recordings recordings,
            MediaStore media,
            WorkerFiles files,
            RegisterRecording register,
            Transactions transactions,
            Clock clock,
            ProcessingSettings settings) {
        this.jobs = jobs;
        this.profiles = profiles;
        this.recordings = recordings;
        this.media = media;
        this.files = files;
        this.completion = new Completion(jobs, recordings, register, transactions, clock);
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /** The oldest due job, now held by this worker under a lease; empty when the queue is empty. */
    public Optional<Claim> claim(WorkerCaller worker) {
        Instant now = clock.instant();
        return jobs.claim(worker.name(), now, now.plus(settings.lease()))
                .map(
                        job ->
                                new Claim(
                                        job,
                                        profiles.byName(job.profileName())
                                                .map(Profile::strategyName)
                                                .orElse(null),
                                        settings.outputFormat(),
                                        settings.outputBitrate(),
                                        files.sourceLink(job),
                                        files.outputLinks(job)));
    }

    /**
     * Progress of the job the worker holds, which extends its lease; answers the new lease's end.
     */
    public Instant heartbeat(WorkerCaller worker, JobId id, String stage, Integer percent) {
        Checks.optionalText("stage", stage, 200);
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new Invalid("percent", "must be from 0 to 100");
        }
        Instant now = clock.instant();
        Instant until = now.plus(settings.lease());
        if (!jobs.heartbeat(id, worker.name(), stage, percent, now, until)) {
            throw JobRules.notHeld();
        }
        return until;
    }

    /**
     * Completes the job the worker holds: its recording is registered with all its stems ({@link
     * RegisterRecording}) in the same transaction, and the sections the worker found become its
     * clips. Completing a complete job again changes nothing (a replay).
     */
    public CompletedJob complete(
            WorkerCaller worker,
            JobId id,
            String displayName,
            List<Stem> stems,
            List<RegisterRecording.Section> sections) {
        // Only the job's holder learns which of its files are missing; anyone else is told it
        // does not hold the job (in the completion), as on every other call.
        jobs.byId(id)
                .filter(job -> JobRules.heldBy(job, worker))
                .ifPresent(
                        job ->
                                RegisterRecording.requireFiles(
                                        stems,
                                        StemFiles.inStore(
                                                media, job.profileName(), job.outputName()),
                                        StemFiles.IN_THE_STORE));
        return completion.complete(worker.name(), id, displayName, stems, sections);
    }

    /**
     * A failed attempt: back to the queue after a pause that doubles each time, or error after the
     * last (and the job's recording with it).
     */
    public JobStatus fail(WorkerCaller worker, JobId id, String error) {
        String reason = Checks.text("error", error, 10_000);
        return transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
                    Instant now = clock.instant();
                    JobStatus after =
                            jobs.fail(
                                            id,
                                            worker.name(),
                                            reason,
                                            now,
                                            Backoff.retryAt(
                                                    job.attempts(), now, settings.backoff()))
                                    .orElseThrow(JobRules::notHeld);
                    if (after == JobStatus.ERROR) {
                        JobRules.recordingIs(recordings, job, RecordingStatus.ERROR);
                    }
                    return after;
                });
    }

    /**
     * The worker hands back a job it holds and will not finish (it is stopping): queued again, due
     * at once, and the attempt not counted.
     */
    public void release(WorkerCaller worker, JobId id) {
        if (!jobs.release(id, worker.name(), clock.instant())) {
            throw JobRules.notHeld();
        }
    }
}
