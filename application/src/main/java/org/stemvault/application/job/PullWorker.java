package org.stemvault.application.job;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.stemvault.application.Backoff;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.recording.RegisterRecording;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.Mixes;
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
            Map<String, URI> outputLinks,
            Optional<Mix> mix,
            Map<String, URI> inputLinks,
            Map<String, String> stems) {

        public Claim {
            outputLinks = Map.copyOf(outputLinks);
            inputLinks = Map.copyOf(inputLinks);
            stems = Map.copyOf(stems);
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
    private final Mixes mixes;

    public PullWorker(
            Jobs jobs,
            Mixes mixes,
            Profiles profiles,
            Recordings recordings,
            MediaStore media,
            WorkerFiles files,
            RegisterRecording register,
            Transactions transactions,
            Clock clock,
            ProcessingSettings settings) {
        this.jobs = jobs;
        this.mixes = mixes;
        this.profiles = profiles;
        this.recordings = recordings;
        this.media = media;
        this.files = files;
        this.completion = new Completion(jobs, recordings, register, transactions, clock);
        this.transactions = transactions;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The oldest due job of one of {@code kinds}, now held by this worker under a lease; empty when
     * there is none. A render's claim carries its mix and links to read its stems.
     */
    public Optional<Claim> claim(WorkerCaller worker, Set<JobKind> kinds) {
        if (kinds.isEmpty()) {
            throw new Invalid("kinds", "must name at least one kind of job");
        }
        Instant now = clock.instant();
        return jobs.claim(worker.name(), kinds, now, now.plus(settings.lease()))
                .map(
                        job -> {
                            if (job.kind() == JobKind.RENDER) {
                                Optional<Mix> mix = mixes.byId(job.mix());
                                return new Claim(
                                        job,
                                        null,
                                        null,
                                        null,
                                        Optional.empty(),
                                        mix.map(files::mixLink).orElse(Map.of()),
                                        mix,
                                        mix.map(m -> files.stemLinks(job, m)).orElse(Map.of()),
                                        Map.of());
                            }
                            if (job.kind() == JobKind.ANALYZE) {
                                return analysisClaim(job);
                            }
                            return new Claim(
                                    job,
                                    profiles.byName(job.profileName())
                                            .map(Profile::strategyName)
                                            .orElse(null),
                                    settings.outputFormat(),
                                    settings.outputBitrate(),
                                    files.sourceLink(job),
                                    files.outputLinks(job),
                                    Optional.empty(),
                                    Map.of(),
                                    Map.of());
                        });
    }

    /** An analysis's claim: its recording's stems by type, and links to read them. */
    private Claim analysisClaim(Job job) {
        Map<String, String> stems = new TreeMap<>();
        recordings.byOutputName(job.profile(), job.outputName()).stream()
                .flatMap(r -> r.stems().stream())
                .forEach(s -> stems.put(s.type().value(), s.audio().value()));
        return new Claim(
                job,
                null,
                null,
                null,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                files.fileLinks(job, stems.values()),
                stems);
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
        JobKind kind = jobs.byId(id).map(Job::kind).orElse(JobKind.SEPARATE);
        if (kind == JobKind.RENDER) {
            throw new Invalid("stems", "the job is a render: complete it with its mix");
        }
        if (kind == JobKind.ANALYZE) {
            throw new Invalid("stems", "the job is an analysis: complete it with its analysis");
        }
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
     * Completes the render the worker holds: its file must be in the store (its size is read
     * there); the mix keeps the duration and loudness the worker measured, in the same transaction
     * as the job's completion. Completing a complete render again changes nothing.
     */
    public Mix completeRender(
            WorkerCaller worker, JobId id, double durationSeconds, Double loudnessLufs) {
        Mix.Rendered measured = new Mix.Rendered(durationSeconds, 0L, loudnessLufs);
        return transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
                    if (job.kind() != JobKind.RENDER) {
                        throw new Invalid("duration_seconds", "the job is not a render");
                    }
                    Mix mix = mixes.byId(job.mix()).orElseThrow(JobRules::noJob);
                    if (job.status() == JobStatus.COMPLETE && mix.ready()) {
                        return mix;
                    }
                    if (!JobRules.heldBy(job, worker)) {
                        throw JobRules.notHeld();
                    }
                    long size =
                            media.find(mix.mediaKey())
                                    .map(m -> m.size())
                                    .orElseThrow(
                                            () ->
                                                    new Invalid(
                                                            "file",
                                                            "the mix's file is not in the store: "
                                                                    + "write it first"));
                    if (!jobs.complete(id, worker.name(), List.of(), clock.instant())) {
                        throw JobRules.notHeld();
                    }
                    mixes.rendered(
                            mix.id(),
                            new Mix.Rendered(
                                    measured.durationSeconds(), size, measured.loudnessLufs()));
                    return mixes.byId(mix.id()).orElseThrow();
                });
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
                    if (after == JobStatus.ERROR) { // a render's mix shows its job's status
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
