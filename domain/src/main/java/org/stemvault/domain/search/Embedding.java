package org.stemvault.domain.search;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.StemType;

/**
 * The vector of a recording, or of one of its stems when {@code stem} is set, in one space. Its
 * dimensions are the space's.
 */
public record Embedding(
        RecordingId recording,
        StemType stem,
        EmbeddingSpace space,
        Vector vector,
        String source,
        Instant updatedAt) {

    public Embedding {
        Checks.required("recording_id", recording);
        Checks.required("space", space);
        Checks.required("vector", vector);
        space.check(vector);
        Checks.optionalText("source", source, 200);
        Checks.required("updated_at", updatedAt);
    }
}
