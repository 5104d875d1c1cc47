package org.stemvault.web.library;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.profile.Profile;

/**
 * A profile as clients see it: {@code {"name", "source_folder", "id", "google_drive_folder_id"}}
 * (the last always null until a profile can be connected to Google Drive).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record ProfileResponse(String name, String sourceFolder, String id, String googleDriveFolderId) {

    static ProfileResponse from(Profile profile) {
        return new ProfileResponse(
                profile.name().value(), profile.sourceFolder(), profile.id().toString(), null);
    }
}
