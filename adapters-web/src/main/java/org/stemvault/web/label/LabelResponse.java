package org.stemvault.web.label;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.label.Label;

/** A song or a location: {@code {"id", "name", "created_at", "updated_at"}}. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record LabelResponse(String id, String name, String createdAt, String updatedAt) {

    public static LabelResponse from(Label label) {
        return new LabelResponse(
                label.id().toString(),
                label.name(),
                label.createdAt().toString(),
                label.updatedAt().toString());
    }
}
