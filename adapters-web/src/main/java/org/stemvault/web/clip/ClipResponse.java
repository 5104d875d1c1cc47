package org.stemvault.web.clip;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.clip.Clip;

/**
 * A clip: {@code {"id", "recording_id", "song_id", "start_seconds", "end_seconds", "display_name",
 * "created_at", "updated_at"}}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ClipResponse(
        String id,
        String recordingId,
        String songId,
        double startSeconds,
        double endSeconds,
        String displayName,
        String createdAt,
        String updatedAt) {

    public static ClipResponse from(Clip c) {
        return new ClipResponse(
                c.id().toString(),
                c.recording().toString(),
                c.song() == null ? null : c.song().toString(),
                c.start(),
                c.end(),
                c.displayName(),
                c.createdAt().toString(),
                c.updatedAt().toString());
    }
}
