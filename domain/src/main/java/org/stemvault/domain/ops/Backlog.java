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
     * delete; the Drive figures. A wait is zero when nothing waits.
     */
    record Snapshot(
            long embeddingsPending,
            Duration oldestEmbeddingWait,
            Map<JobStatus, Long> jobs,
            Duration oldestQueuedJobWait,
            long mediaDeletionsPending,
            Drive drive) {

        public Snapshot {
            jobs = Map.copyOf(jobs);
        }

        /** Jobs that ended in error: the dead-letter count. */
        public long deadLetters() {
            return jobs.getOrDefault(JobStatus.ERROR, 0L);
        }
    }

    /**
     * Connected Drive folders (with a live grant), watch channels that expire within the hour
     * (renewal should have replaced them), and Drive imports by outcome (every outcome present).
     */
    record Drive(long connectedFolders, long channelsExpiringSoon, Map<String, Long> imports) {

        public Drive {
            imports = Map.copyOf(imports);
        }
    }
}
