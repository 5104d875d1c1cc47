package org.stemvault.application.job;

import java.time.Clock;
import java.util.List;
import org.stemvault.application.Names;
import org.stemvault.application.Transactions;
import org.stemvault.application.signin.Admin;
import org.stemvault.domain.Conflict;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.Position;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;

/** What admins do with the processing queue: look through it, cancel a job, retry one. */
public final class JobQueue {

    /** The largest page of jobs an admin may ask for. */
    public static final int MAX_LIMIT = 500;

    private final Jobs jobs;
    private final Recordings recordings;
    private final Transactions transactions;
    private final Clock clock;

    public JobQueue(Jobs jobs, Recordings recordings, Transactions transactions, Clock clock) {
        this.jobs = jobs;
        this.recordings = recordings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Jobs newest first, filtered by status (null: any) and profile (null: any), in pages. */
    public List<Job> list(
            Admin admin, JobStatus status, String profile, Position after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new Invalid("limit", "must be from 1 to " + MAX_LIMIT);
        }
        return jobs.list(status, profile == null ? null : Names.profile(profile), after, limit);
    }

    /**
     * Cancels a job; a recording it was separating again keeps its stems and is complete, one it
     * was separating for the first time is in error ({@code cancelled}).
     */
    public Job cancel(Admin admin, JobId id) {
        return transactions.inTransaction(
                () -> {
                    if (!jobs.cancel(id, clock.instant())) {
                        throw new Conflict("only a queued or processing job can be cancelled");
                    }
                    Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
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
    public Job retry(Admin admin, JobId id) {
        return transactions.inTransaction(
                () -> {
                    if (!jobs.retry(id, clock.instant())) {
                        throw new Conflict("only a finished job can be retried");
                    }
                    Job job = jobs.byId(id).orElseThrow(JobRules::noJob);
                    JobRules.recordingIs(recordings, job, RecordingStatus.PROCESSING);
                    return job;
                });
    }
}
