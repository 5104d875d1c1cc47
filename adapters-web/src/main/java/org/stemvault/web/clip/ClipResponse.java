package org.stemvault.web.clip;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.clip.Clip;

/**
 * A clip: {@code {"id", "recording_id", "song_id", "start_time_sec", "end_time_sec",
 * "display_name", "created_at", "updated_at"}}, and the bounds again as {@code start_seconds} and
 * {@code end_seconds} (this service's first names for them, kept for its earlier callers).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ClipResponse(
        String id,
        String recordingId,
        String songId,
        double startTimeSec,
        double endTimeSec,
        String displayName,
        String createdAt,
        String updatedAt,
        double startSeconds,
        double endSeconds) {

    public static ClipResponse from(Clip c) {
        return new ClipResponse(
                c.id().toString(),
                c.recording().toString(),
                c.song() == null ? null : c.song().toString(),
                c.start(),
                c.end(),
                c.displayName(),
                c.createdAt().toString(),
                c.updatedAt().toString(),
                c.start(),
                c.end());
    }
}
