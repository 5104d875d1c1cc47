package org.stemvault.domain.library;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.recording.RecordingId;

/** A place in a newest-first list of recordings: the last one seen, by creation time and id. */
public record Position(Instant createdAt, RecordingId id) {

    public Position {
        Checks.required("created_at", createdAt);
        Checks.required("id", id);
    }
}
