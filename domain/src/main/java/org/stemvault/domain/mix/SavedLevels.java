package org.stemvault.domain.mix;

import java.util.Map;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.UserId;

/**
 * A member's saved stem levels for a recording, read from the player's {@code stems} setting (what
 * the web client keeps per stem: {@code gain} as a linear factor, {@code muted}, {@code soloed});
 * the default of a mix that names no levels.
 */
public interface SavedLevels {

    /** One stem's saved level; {@code gain} null when none was saved. */
    record Level(Double gain, boolean muted, boolean soloed) {}

    /** The saved levels by stem name; empty when the member saved none (or not an object). */
    Map<String, Level> of(UserId user, RecordingId recording);
}
