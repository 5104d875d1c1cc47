package org.stemvault.application.analysis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.stemvault.application.Principal;
import org.stemvault.application.Transactions;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.NotFound;
import org.stemvault.domain.analysis.Analyses;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.domain.clip.Clips;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Catalogue;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.Recordings;

/**
 * The tempo, beats and key of recordings: members read a recording's analysis by the one membership
 * rule; an admin queues an {@code analyze} job for every recording without one (legacy imports,
 * earlier takes); the worker holding such a job completes it with what it found, stored in the same
 * transaction as the job's completion.
 */
public final class RecordingAnalysis {

    private final Catalogue catalogue;
    private final Analyses analyses;
    private final Jobs jobs;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;
    private final int maxAttempts;

    public RecordingAnalysis(
            Catalogue catalogue,
            Analyses analyses,
            Jobs jobs,
            Recordings recordings,
            Transactions transactions,
            Clock clock,
            int maxAttempts) {
        this.catalogue = catalogue;
        this.analyses = analyses;
        this.jobs = jobs;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /** The analysis of a recording the caller may see; {@link NotFound} until it is analysed. */
    public Analysis of(Principal principal, String recordingId) {
        RecordingId id = id(recordingId);
        catalogue
                .recording(principal.viewer(), id)
                .orElseThrow(() -> new NotFound("no such recording"));
        return analyses.of(id)
                .orElseThrow(() -> new NotFound("the recording has not been analysed yet"));
    }

    /** A take with its own tempo and key (over the clip's span) and its recording's stability. */
    public record Measured(Clips.Take take, Double tempoBpm, MusicalKey key, Double stability) {}

    /** How takes may be sorted: by tempo, key or stability; a leading '-' for descending. */
    public static final List<String> SORTS =
            List.of("tempo", "-tempo", "key", "-key", "stability", "-stability");

    /**
     * The takes with their measures (read with them), in the order asked ({@code sort} null: as
     * given); takes not analysed come last whatever the order.
     */
    public List<Measured> measure(List<Clips.Take> takes, String sort) {
        if (sort != null && !SORTS.contains(sort)) {
            throw new Invalid("sort", "must be one of " + String.join(", ", SORTS));
        }
        List<Measured> measured = new ArrayList<>();
        for (Clips.Take take : takes) {
            Analysis.Summary a = take.measures();
            measured.add(
                    a == null
                            ? new Measured(take, null, null, null)
                            : new Measured(
                                    take,
                                    a.tempoBetween(take.clip().start(), take.clip().end()),
                                    a.keyBetween(take.clip().start(), take.clip().end()),
                                    a.stability()));
        }
        if (sort == null) {
            return measured;
        }
        Comparator<Measured> order =
                switch (sort.replace("-", "")) {
                    case "tempo" -> Comparator.comparing(Measured::tempoBpm, nullsLast(sort));
                    case "stability" -> Comparator.comparing(Measured::stability, nullsLast(sort));
                    default ->
                            Comparator.comparing(
                                    m -> m.key() == null ? null : m.key().toString(),
                                    nullsLast(sort));
                };
        measured.sort(order);
        return measured;
    }

    private static <T extends Comparable<T>> Comparator<T> nullsLast(String sort) {
        return Comparator.nullsLast(
                sort.startsWith("-") ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder());
    }

    /** Queues the analysis of every recording that has stems and none yet; answers how many. */
    public int queueMissing(Admin admin) {
        return analyses.queueMissing(maxAttempts, clock.instant());
    }

    /**
     * Completes the analysis the worker holds: kept for its recording (when it still exists) in the
     * same transaction as the job's completion; completing it again changes nothing. For a
     * separation the worker holds, the take's analysis is kept for its recording (listed since the
     * upload) and the job stays held until the worker completes it.
     */
    public void complete(WorkerCaller worker, JobId id, Analysis analysis) {
        transactions.inTransaction(
                () -> {
                    Job job = jobs.byId(id).orElseThrow(() -> new NotFound("no such job"));
                    if (job.kind() == JobKind.SEPARATE) {
                        // a separation's worker analyses the take before it completes the job
                        if (job.status() != JobStatus.PROCESSING
                                || !worker.name().equals(job.worker())) {
                            throw notHeld();
                        }
                        recordings
                                .byOutputName(job.profile(), job.outputName())
                                .ifPresent(r -> analyses.save(r.id(), analysis));
                        return null;
                    }
                    if (job.kind() != JobKind.ANALYZE) {
                        throw new Invalid("tempo_bpm", "the job is a render: it has no analysis");
                    }
                    if (job.status() == JobStatus.COMPLETE) {
                        return null;
                    }
                    if (!jobs.complete(id, worker.name(), List.of(), clock.instant())) {
                        throw notHeld();
                    }
                    recordings
                            .byOutputName(job.profile(), job.outputName())
                            .ifPresent(r -> analyses.save(r.id(), analysis));
                    return null;
                });
    }

    private static Conflict notHeld() {
        return new Conflict(
                "this worker does not hold the job (any more): its lease ran out, or it was"
                        + " cancelled");
    }

    private static RecordingId id(String value) {
        try {
            return new RecordingId(UUID.fromString(value));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFound("no such recording");
        }
    }
}
