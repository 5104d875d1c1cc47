package org.stemvault.domain.recording;

import java.util.Locale;
import org.stemvault.domain.Invalid;

/**
 * Where a recording's processing stands: a recording is {@code complete} once a separation
 * completed it; {@code processing} while it is being separated again; {@code error} when that
 * failed for good.
 */
public enum RecordingStatus {
    PROCESSING,
    COMPLETE,
    ERROR;

    /** The status's name in lower case: how it is shown and stored. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RecordingStatus fromCode(String value) {
        for (RecordingStatus s : values()) {
            if (s.code().equals(value)) {
                return s;
            }
        }
        throw new Invalid("status", "must be processing, complete or error");
    }
}
