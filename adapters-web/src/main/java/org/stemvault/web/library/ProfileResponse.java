package org.stemvault.web.library;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import org.stemvault.domain.drive.DriveFolders;
import org.stemvault.domain.profile.Profile;

/**
 * A profile as clients see it: {@code {"name", "source_folder", "id", "google_drive_folder_id"}},
 * and ours: {@code drive_status} ({@code connected}; {@code disconnected} when the grant of the
 * member who connected the folder was revoked: then {@code google_drive_folder_id} is null, so the
 * client offers to connect a folder again; null without a folder).
 */
@Serdeable(naming = SnakeCaseStrategy.class)
record ProfileResponse(
        String name,
        String sourceFolder,
        String id,
        String googleDriveFolderId,
        String driveStatus) {

    static ProfileResponse from(Profile profile, DriveFolders.Connection drive) {
        return new ProfileResponse(
                profile.name().value(),
                profile.sourceFolder(),
                profile.id().toString(),
                drive == null || !drive.live() ? null : drive.folderId(),
                drive == null ? null : drive.live() ? "connected" : "disconnected");
    }
}
