package org.stemvault.domain.search;

import java.time.Instant;
import java.util.List;
import org.stemvault.domain.recording.RecordingId;

/**
 * Work waiting for the text model: recordings whose text changed, per text space; durable, shared,
 * retried.
 */
public interface EmbeddingJobs {

    /**
     * A claimed job; {@code version} tells whether the recording changed again while it was being
     * done.
     */
    record Job(RecordingId recording, String space, long version, int attempts) {}

    /**
     * Asks for the recording's text to be embedded in the space (again, if it was asked before).
     */
    void enqueue(RecordingId recording, String space, Instant at);

    /**
     * Takes up to {@code max} due jobs for {@code leaseUntil}; another worker does not see them
     * meanwhile.
     */
    List<Job> claim(int max, Instant now, Instant leaseUntil);

    /** Removes a done job, unless it was enqueued again since it was claimed. */
    void done(Job job);

    /** Records a failure and when to try again. */
    void failed(Job job, String error, Instant retryAt);

    /**
     * Hands a claimed job back untried (an instance stopping): due again at {@code now}, the
     * claim's attempt not counted.
     */
    void release(Job job, Instant now);

    /** How many jobs wait, due or not. */
    int pending();
}
