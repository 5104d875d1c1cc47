package org.stemvault.domain.clip;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.RecordingId;

/**
 * A section of a recording, from {@code start} to {@code end} seconds ({@code end > start >= 0}),
 * optionally of a song of the same profile, optionally named (1 to 200 characters, trimmed). That
 * it lies within its recording is the use case's rule, which knows the recording.
 */
public record Clip(
        ClipId id,
        ProfileId profile,
        RecordingId recording,
        LabelId song,
        double start,
        double end,
        String displayName,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_NAME = 200;

    public Clip {
        Checks.required("id", id);
        Checks.required("profile_id", profile);
        Checks.required("recording_id", recording);
        Checks.finite("start_time_sec", start);
        Checks.finite("end_time_sec", end);
        if (start < 0) {
            throw new Invalid("start_time_sec", "must not be negative");
        }
        if (end <= start) {
            throw new Invalid("end_time_sec", "must be after start_time_sec");
        }
        displayName = name(displayName);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
    }

    public static Clip create(
            ProfileId profile,
            RecordingId recording,
            LabelId song,
            double start,
            double end,
            String displayName,
            Instant now) {
        return new Clip(
                ClipId.random(), profile, recording, song, start, end, displayName, now, now);
    }

    /** The same clip with other bounds, song and name, changed at {@code now}. */
    public Clip with(double newStart, double newEnd, LabelId newSong, String newName, Instant now) {
        return new Clip(id, profile, recording, newSong, newStart, newEnd, newName, createdAt, now);
    }

    /** A display name, trimmed (null: none); blank or longer than {@link #MAX_NAME} is refused. */
    static String name(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new Invalid("display_name", "must not be blank (null clears it)");
        }
        return Checks.name("display_name", trimmed, MAX_NAME);
    }
}
