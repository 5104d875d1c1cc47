package org.stemvault.domain.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stemvault.domain.Position;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.profile.ProfileName;

/**
 * The processing queue, kept where every instance sees it. A worker (a worker token's id, or {@code
 * push} for the push dispatcher) holds a job under a lease; a lease that runs out puts the job back
 * in the queue, or ends it in error after its last attempt. Each call is one atomic step.
 */
public interface Jobs {

    void create(Job job);

    Optional<Job> byId(JobId id);

    /** The job made for this source, if any. */
    Optional<Job> ofAudioFile(AudioFileId audioFile);

    /** The job, when the viewer may see its profile (one read with the check); empty otherwise. */
    Optional<Job> visible(Viewer viewer, JobId id);

    /**
     * Gives the oldest due queued job of one of {@code kinds} to {@code worker} until {@code
     * leaseUntil}, counting an attempt; two workers never get the same job.
     */
    Optional<Job> claim(String worker, Set<JobKind> kinds, Instant now, Instant leaseUntil);

    /**
     * Progress from the worker that holds the job, extending its lease; false when it does not hold
     * it.
     */
    boolean heartbeat(
            JobId id,
            String worker,
            String stage,
            Integer percent,
            Instant now,
            Instant leaseUntil);

    /**
     * Ends a job its worker holds as complete with these stems; false when that worker does not
     * hold it.
     */
    boolean complete(JobId id, String worker, List<String> stems, Instant now);

    /**
     * A failed attempt of the job its worker holds: back to the queue from {@code retryAt}, or
     * {@code error} when it has no attempt left. The job's status afterwards; empty when that
     * worker does not hold it.
     */
    Optional<JobStatus> fail(JobId id, String worker, String error, Instant now, Instant retryAt);

    /**
     * Hands back the job its worker holds without counting the attempt (a worker that stops before
     * it finishes): queued again and due at once, its error kept; false when that worker does not
     * hold it.
     */
    boolean release(JobId id, String worker, Instant now);

    /**
     * Keeps the SHA-256 (hex) of the secret in the callback URL a worker was sent for the job it
     * holds, replacing an earlier one; false when that worker does not hold the job.
     */
    boolean arm(JobId id, String worker, String callbackSecretHash);

    /** The SHA-256 of the job's current callback secret, if it was ever dispatched. */
    Optional<String> callbackSecretHash(JobId id);

    /**
     * Leases that ran out by {@code now}: back to the queue, or error after the last attempt (and
     * then a recording the job was separating again is in error too); how many.
     */
    int expireLeases(Instant now);

    /**
     * Jobs newest first, of one status and one profile when given, after {@code after}, at most
     * {@code limit}.
     */
    List<Job> list(JobStatus status, ProfileName profile, Position after, int limit);

    /** Cancels a job that is not finished; false otherwise. */
    boolean cancel(JobId id, Instant now);

    /**
     * Queues a job that ended in error or was cancelled again, with its attempts anew; false
     * otherwise.
     */
    boolean retry(JobId id, Instant now);
}
