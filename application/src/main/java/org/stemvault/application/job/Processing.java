package org.stemvault.application.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.application.Caller;
import org.stemvault.application.Names;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.access.Access;
import org.stemvault.application.media.StemFiles;
import org.stemvault.application.search.TextIndex;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Forbidden;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.Position;
import org.stemvault.domain.clip.Clip;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaStore;
import org.stemvault.domain.media.RecordingFolders;
import org.stemvault.domain.media.StoredMedia;
import org.stemvault.domain.profile.Profile;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.profile.Profiles;
import org.stemvault.domain.recording.MediaFileName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;

/**
 * The life of a processing job after its upload: members read its status; a worker claims it, reads
 * the source, writes the outputs, reports progress, and completes or fails it; leases that run out
 * put it back; admins list, cancel and retry. Completion registers the recording with all its stems
 * in the same transaction as the job's completion, so a half-finished completion leaves nothing and
 * can be done again.
 */
public final class Processing {

    /** The largest page of jobs an admin may ask for. */
    public static final int MAX_LIMIT = 500;

    /**
     * How long a claim or a heartbeat holds a job, the first pause after a failed attempt
     * (doubling), and the format and bit rate workers encode stems in.
     */
    public record Settings(
            Duration lease, Duration backoff, String outputFormat, String outputBitrate) {
        public Settings {
            if (lease.isNegative() || lease.isZero() || backoff.isNegative()) {
                throw new IllegalArgumentException(
                        "a lease must be positive and a back-off not negative");
            }
        }
    }

    /**
     * A claimed job with what its worker needs besides: the profile's strategy, the output format.
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

    /**
     * How long a worker's links into the store work: a separation of a long take fits in it, and
     * the job's lease, not the link, decides whose completion counts.
     */
    static final Duration WORKER_LINKS = Duration.ofHours(6);

    /** The stems a separation model leaves, as the system we replace named them. */
    static final List<String> STANDARD_STEMS = List.of("vocals", "drums", "bass", "other");

    /**
     * A completed job's recording, in its profile, and how long its attempt took from claim to
     * completion (null for a replayed completion, which completed nothing).
     */
    public record Completed(Recording recording, ProfileName profile, Duration sinceClaim) {}

    private final Jobs jobs;
    private final Profiles profiles;
    private final Recordings recordings;
    private final MediaStore media;
    private final RecordingFolders folders;
    private final Transactions transactions;
    private final Clock clock;
    private final TextIndex textIndex;
    private final Settings settings;
    private final Clips clips;
    private final Catalogue catalogue;

    /** A section of the take a worker found, in seconds: it becomes a clip of the recording. */
    public record Section(double start, double end) {}

    public Processing(
            Jobs jobs,
            Profiles profiles,
            Recordings recordings,
            MediaStore media,
            RecordingFolders folders,
            Transactions transactions,
            Clock clock,
            TextIndex textIndex,
            Settings settings,
            Clips clips,
            Catalogue catalogue) {
        this.clips = clips;
        this.catalogue = catalogue;
        this.jobs = jobs;
        this.profiles = profiles;
        this.recordings = recordings;
        this.media = media;
        this.folders = folders;
        this.transactions = transactions;
        this.clock = clock;
        this.textIndex = textIndex;
        this.settings = settings;
    }

    /** A job's status for a member of its profile (or an admin); not found for anyone else. */
    public Job status(Viewer viewer, String jobId) {
        try {
            return jobs.visible(viewer, id(jobId)).orElseThrow(Processing::noJob);
        } catch (NotFound e) {
            throw Names.missing(catalogue, viewer, e);
        }
    }

    /** The oldest due job, now held by this worker under a lease; empty when the queue is empty. */
    public Optional<Claim> claim(Caller caller) {
        Instant now = clock.instant();
        return jobs.claim(worker(caller), now, now.plus(settings.lease()))
                .map(
                        job ->
                                new Claim(
                                        job,
                                        profiles.byName(job.profileName())
                                                .map(Profile::strategyName)
                                                .orElse(null),
                                        settings.outputFormat(),
                                        settings.outputBitrate(),
                                        media.find(new MediaKey(job.inputKey()))
                                                .flatMap(
                                                        m ->
                                                                m.link(
                                                                        WORKER_LINKS,
                                                                        "application/octet-stream")),
                                        outputLinks(job)));
    }

    /**
     * Links to PUT the files a separation leaves straight into the store (each standard stem in the
     * output format, its waveform, {@code metadata.json}); none for a store without links.
     */
    private Map<String, URI> outputLinks(Job job) {
        String extension =
                switch (settings.outputFormat()) {
                    case "aac", "m4a" -> "m4a";
                    default -> settings.outputFormat();
                };
        List<String> files = new java.util.ArrayList<>(List.of("metadata.json"));
        for (String stem : STANDARD_STEMS) {
            files.add(stem + "." + extension);
            files.add(stem + "_waveform.png");
        }
        Map<String, URI> links = new java.util.LinkedHashMap<>();
        for (String file : files) {
            media.uploadLink(
                            MediaKey.output(
                                    job.profileName(), job.outputName(), new MediaFileName(file)),
                            WORKER_LINKS)
                    .ifPresent(link -> links.put(file, link));
        }
        return links;
    }

    /**
     * Progress of the job the worker holds, which extends its lease; answers the new lease's end.
     */
    public Instant heartbeat(Caller caller, String jobId, String stage, Integer percent) {
        Checks.optionalText("stage", stage, 200);
        if (percent != null && (percent < 0 || percent > 100)) {
            throw new Invalid("percent", "must be from 0 to 100");
        }
        String worker = worker(caller);
        Instant now = clock.instant();
        Instant until = now.plus(settings.lease());
        if (!jobs.heartbeat(id(jobId), worker, stage, percent, now, until)) {
            throw notHeld();
        }
        return until;
    }

    /**
     * Completes the job the worker holds: the recording and all its stems are saved in the same
     * transaction. Completing a complete job again changes nothing (a replay).
     */
    public Completed complete(Caller caller, String jobId, String displayName, List<Stem> stems) {
        return complete(caller, jobId, displayName, stems, List.of());
    }

    /**
     * As {@link #complete(Caller, String, String, List)}, with the sections the worker found: on a
     * recording that has no clips yet they become clips named "Section 1" to "Section N", in the
     * same transaction (bounded by the recording's duration; a section left empty is passed over).
     */
    public Completed complete(
            Caller caller,
            String jobId,
            String displayName,
            List<Stem> stems,
            List<Section> sections) {
        String worker = worker(caller);
        // Only the job's holder learns which of its files are missing; anyone else is told it
        // does not hold the job (below), as on every other call.
        jobs.byId(id(jobId))
                .filter(job -> job.status() == JobStatus.PROCESSING && worker.equals(job.worker()))
                .ifPresent(job -> requireStored(job, stems));
        return completeAs(worker, jobId, displayName, stems, sections);
    }

    /**
     * Every file a completion names is in the store already (put through the job's outputs, or its
     * links): {@link StemFiles}, the rule every path that registers stems applies.
     */
    private void requireStored(Job job, List<Stem> stems) {
        StemFiles.require(
                stems,
                StemFiles.inStore(media, job.profileName(), job.outputName()),
                StemFiles.IN_THE_STORE);
    }

    private Completed completeAs(
            String worker,
            String jobId,
            String displayName,
            List<Stem> stems,
            List<Section> sections) {
        if (stems.isEmpty()) {
            throw new Invalid("stems", "must name at least one stem");
        }
        return transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id(jobId)).orElseThrow(Processing::noJob);
                    Optional<Recording> existing =
                            recordings.byOutputName(job.profile(), job.outputName());
                    if (job.status() == JobStatus.COMPLETE && existing.isPresent()) {
                        return new Completed(existing.get(), job.profileName(), null);
                    }
                    Recording saved =
                            recordings.save(
                                    Recording.create(
                                            job.profile(),
                                            job.outputName(),
                                            displayName != null
                                                    ? displayName
                                                    : existing.map(Recording::displayName)
                                                            .orElse(null),
                                            existing.map(Recording::description).orElse(null),
                                            job.audioFile(),
                                            stems,
                                            clock.instant()));
                    if (!jobs.complete(
                            job.id(),
                            worker,
                            stems.stream().map(s -> s.type().value()).toList(),
                            clock.instant())) {
                        throw notHeld();
                    }
                    if (saved.details().status() != RecordingStatus.COMPLETE) {
                        recordings.setStatus(saved.id(), RecordingStatus.COMPLETE);
                        saved =
                                saved.withDetails(
                                        saved.details().withStatus(RecordingStatus.COMPLETE));
                    }
                    sectionsOf(saved, sections);
                    textIndex.saved(existing.orElse(null), saved);
                    return new Completed(
                            saved,
                            job.profileName(),
                            job.claimedAt() == null
                                    ? null
                                    : Duration.between(job.claimedAt(), clock.instant()));
                });
    }

    /**
     * A push worker's outcome, at the callback URL it was sent: with the right secret only (else
     * not found, like any job). {@code complete} reads the stems from the recording's folder in the
     * store ({@code metadata.json}, sizes and durations from the files) and completes the job as a
     * pull worker's completion does, its {@code sections} (the worker's clip boundaries) becoming
     * clips as a pull worker's do; {@code error} fails the attempt. A repeated callback changes
     * nothing.
     */
    public void callback(
            String jobId, String secret, String status, String error, List<Section> sections) {
        JobId id = id(jobId);
        String expected = jobs.callbackSecretHash(id).orElseThrow(Processing::noJob);
        if (secret == null
                || !MessageDigest.isEqual(
                        Dispatch.sha256(secret).getBytes(StandardCharsets.US_ASCII),
                        expected.getBytes(StandardCharsets.US_ASCII))) {
            throw noJob();
        }
        Job job = jobs.byId(id).orElseThrow(Processing::noJob);
        switch (String.valueOf(status)) {
            case "complete" -> {
                if (job.status() == JobStatus.COMPLETE) {
                    return;
                }
                RecordingFolders.Folder folder;
                try {
                    folder = folders.read(job.profileName(), job.outputName());
                } catch (Invalid e) {
                    pushFailed(
                            job,
                            "the worker completed without a readable recording: " + e.reason());
                    throw e;
                }
                completeAs(Dispatch.PUSH, jobId, folder.displayName(), folder.stems(), sections);
            }
            case "error" -> {
                if (!job.status().finished()) {
                    pushFailed(job, error == null || error.isBlank() ? "the worker failed" : error);
                }
            }
            default -> throw new Invalid("status", "must be complete or error");
        }
    }

    private void pushFailed(Job job, String reason) {
        Instant now = clock.instant();
        jobs.fail(
                job.id(),
                Dispatch.PUSH,
                reason.length() > 10_000 ? reason.substring(0, 10_000) : reason,
                now,
                Processing.retryAt(job.attempts(), now, settings.backoff()));
    }

    /**
     * A failed attempt: back to the queue after a pause that doubles each time, or error after the
     * last.
     */
    public JobStatus fail(Caller caller, String jobId, String error) {
        String worker = worker(caller);
        String reason = Checks.text("error", error, 10_000);
        JobId id = id(jobId);
        return transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id).orElseThrow(Processing::noJob);
                    Instant now = clock.instant();
                    JobStatus after =
                            jobs.fail(
                                            id,
                                            worker,
                                            reason,
                                            now,
                                            Processing.retryAt(
                                                    job.attempts(), now, settings.backoff()))
                                    .orElseThrow(Processing::notHeld);
                    if (after == JobStatus.ERROR) {
                        recordingIs(job, RecordingStatus.ERROR);
                    }
                    return after;
                });
    }

    /** The worker's sections as the clips of a recording that has none yet. */
    private void sectionsOf(Recording saved, List<Section> sections) {
        if (sections.isEmpty() || !clips.ofRecording(saved.id()).isEmpty()) {
            return;
        }
        double duration = saved.durationSeconds();
        List<Clip> made = new java.util.ArrayList<>();
        for (Section section : sections) {
            double start = Math.max(0, section.start());
            double end = Math.min(duration, section.end());
            if (end > start) {
                made.add(
                        Clip.create(
                                saved.profile(),
                                saved.id(),
                                null,
                                start,
                                end,
                                "Section " + (made.size() + 1),
                                clock.instant()));
            }
        }
        clips.create(made);
    }

    /**
     * The status of the job's recording, when it has one already (a finished job an admin retried
     * separates it again).
     */
    private void recordingIs(Job job, RecordingStatus status) {
        recordings
                .byOutputName(job.profile(), job.outputName())
                .ifPresent(r -> recordings.setStatus(r.id(), status));
    }

    /**
     * The worker hands back a job it holds and will not finish (it is stopping): queued again, due
     * at once, and the attempt not counted.
     */
    public void release(Caller caller, String jobId) {
        String worker = worker(caller);
        if (!jobs.release(id(jobId), worker, clock.instant())) {
            throw notHeld();
        }
    }

    /** The source of the job the worker holds. */
    public StoredMedia source(Caller caller, String jobId) {
        Job job = held(caller, jobId);
        return media.find(new MediaKey(job.inputKey()))
                .orElseThrow(
                        () -> new NotFound("the job's source is missing from the media store"));
    }

    /**
     * Stores one output file (a stem, a waveform) of the job the worker holds; answers its size.
     */
    public long output(Caller caller, String jobId, String file, InputStream content) {
        Job job = held(caller, jobId);
        MediaFileName name = MediaFileName.of("file", file);
        try {
            return media.write(MediaKey.output(job.profileName(), job.outputName(), name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts jobs whose worker stopped answering back in the queue (or in error); how many. */
    public int expireLeases() {
        return jobs.expireLeases(clock.instant());
    }

    /** Jobs newest first, filtered by status and profile, in pages. */
    public List<Job> list(
            Access.Admin admin, String status, String profile, Position after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        JobStatus parsed = null;
        if (status != null) {
            try {
                parsed = JobStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw new Invalid(
                        "status", "must be queued, processing, complete, error or cancelled");
            }
        }
        return jobs.list(parsed, profile == null ? null : Names.profile(profile), after, limit);
    }

    /**
     * Cancels a job; a recording it was separating again keeps its stems and is complete, one it
     * was separating for the first time is in error ({@code cancelled}).
     */
    public Job cancel(Access.Admin admin, String jobId) {
        JobId id = id(jobId);
        return transactions.inTransaction(
                () -> {
                    if (!jobs.cancel(id, clock.instant())) {
                        throw new Conflict("only a queued or processing job can be cancelled");
                    }
                    Job job = jobs.byId(id).orElseThrow(Processing::noJob);
                    // a take never separated has nothing to play: it failed, as the client shows it
                    recordings
                            .byOutputName(job.profile(), job.outputName())
                            .ifPresent(
                                    r ->
                                            recordings.setStatus(
                                                    r.id(),
                                                    r.stems().isEmpty()
                                                            ? RecordingStatus.ERROR
                                                            : RecordingStatus.COMPLETE));
                    return job;
                });
    }

    /** Queues a finished job again; a recording it made is {@code processing} until it ends. */
    public Job retry(Access.Admin admin, String jobId) {
        JobId id = id(jobId);
        return transactions.inTransaction(
                () -> {
                    if (!jobs.retry(id, clock.instant())) {
                        throw new Conflict("only a finished job can be retried");
                    }
                    Job job = jobs.byId(id).orElseThrow(Processing::noJob);
                    recordingIs(job, RecordingStatus.PROCESSING);
                    return job;
                });
    }

    /**
     * When a job that failed its {@code attempts}-th attempt may be tried again: after {@code
     * backoff}, doubling with each attempt (at most 2^16 times).
     */
    public static Instant retryAt(int attempts, Instant now, Duration backoff) {
        return now.plus(backoff.multipliedBy(1L << Math.min(16, Math.max(0, attempts - 1))));
    }

    private Job held(Caller caller, String jobId) {
        String worker = worker(caller);
        Job job = jobs.byId(id(jobId)).orElseThrow(Processing::noJob);
        if (job.status() != JobStatus.PROCESSING || !worker.equals(job.worker())) {
            throw notHeld();
        }
        return job;
    }

    /** Only processing workers hold jobs, each known by its token's id. */
    /**
     * The worker token's id of a caller that is a processing worker; anyone else is refused (403)
     * before anything of the request is read, so that who comes before what.
     */
    public static String worker(Caller caller) {
        if (caller instanceof WorkerCaller worker) {
            return worker.tokenId().toString();
        }
        throw new Forbidden("only processing workers take jobs");
    }

    private static JobId id(String value) {
        try {
            return new JobId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw noJob();
        }
    }

    private static NotFound noJob() {
        return new NotFound("no such job");
    }

    private static Conflict notHeld() {
        return new Conflict(
                "this worker does not hold the job (any more): its lease ran out, or it was cancelled");
    }
}
