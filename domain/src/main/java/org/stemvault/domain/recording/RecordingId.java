package org.stemvault.domain.recording;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a recording. */
public record RecordingId(UUID value) {

    public RecordingId {
        Checks.required("recording_id", value);
    }

    public static RecordingId random() {
        return new RecordingId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
