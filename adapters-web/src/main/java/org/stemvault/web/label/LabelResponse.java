package org.stemvault.web.label;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.label.Label;
import org.stemvault.domain.label.LabelKind;
import org.stemvault.domain.label.Labels;

/**
 * A song or a location: {@code {"id", "name", "created_at", "updated_at"}}; in the songs list also
 * {@code clip_count} (how many clips are of the song), in the locations list {@code
 * recording_count}.
 */
@Serdeable(naming = SnakeCaseStrategy.class)
public record LabelResponse(
        String id,
        String name,
        String createdAt,
        String updatedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer clipCount,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer recordingCount) {

    public static LabelResponse from(Label label) {
        return of(label, null, null);
    }

    static LabelResponse listed(Labels.Listed listed) {
        boolean song = listed.label().kind() == LabelKind.SONG;
        return of(listed.label(), song ? listed.uses() : null, song ? null : listed.uses());
    }

    private static LabelResponse of(Label label, Integer clips, Integer recordings) {
        return new LabelResponse(
                label.id().toString(),
                label.name(),
                label.createdAt().toString(),
                label.updatedAt().toString(),
                clips,
                recordings);
    }
}
