package org.stemvault.web.library;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.profile.Profile;

/** A profile as clients see it: {@code {"name", "source_folder"}}. */
@Serdeable(naming = SnakeCaseStrategy.class)
record ProfileResponse(String name, String sourceFolder) {

    static ProfileResponse from(Profile profile) {
        return new ProfileResponse(profile.name().value(), profile.sourceFolder());
    }
}
