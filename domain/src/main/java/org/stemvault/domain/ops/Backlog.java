package org.stemvault.domain.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.stemvault.domain.job.JobStatus;

/** How much work waits in the tables that must not lose it: what an operator alerts on. */
public interface Backlog {

    /** The backlog as of {@code now}, read in one statement. */
    Snapshot snapshot(Instant now);

    /**
     * Text embeddings still to compute and how long the longest-due one has waited; processing jobs
     * by status (every status present, zero included; {@code error} is the dead letters: jobs that
     * used their last attempt); how long the oldest queued job has waited; stored media still to
     * delete. A wait is zero when nothing waits.
     */
    record Snapshot(
            long embeddingsPending,
            Duration oldestEmbeddingWait,
            Map<JobStatus, Long> jobs,
            Duration oldestQueuedJobWait,
            long mediaDeletionsPending) {

        public Snapshot {
            jobs = Map.copyOf(jobs);
        }

        /** Jobs that ended in error: the dead-letter count. */
        public long deadLetters() {
            return jobs.getOrDefault(JobStatus.ERROR, 0L);
        }
    }
}
