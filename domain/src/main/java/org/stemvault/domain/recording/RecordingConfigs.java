package org.stemvault.domain.recording;

import java.time.Instant;
import java.util.Map;
import org.stemvault.domain.user.UserId;

/** Each member's own player settings per recording: one JSON value (as text) per key. */
public interface RecordingConfigs {

    /** The user's settings for the recording, by key. */
    Map<ConfigKey, String> of(UserId user, RecordingId recording);

    /** Stores or replaces one setting. */
    void put(UserId user, RecordingId recording, ConfigKey key, String json, Instant now);
}
