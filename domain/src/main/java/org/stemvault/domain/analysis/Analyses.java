package org.stemvault.domain.analysis;

import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.recording.RecordingId;

/** Recordings' analyses, one each; a recording's deletion takes its analysis. */
public interface Analyses {

    /** Stores the recording's analysis, replacing an earlier one. */
    void save(RecordingId recording, Analysis analysis);

    Optional<Analysis> of(RecordingId recording);

    /**
     * Queues an {@code analyze} job for every recording that has stems, no analysis and no analysis
     * pending; answers how many were queued.
     */
    int queueMissing(int maxAttempts, Instant now);
}
