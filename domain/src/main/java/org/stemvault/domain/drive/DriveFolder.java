package org.stemvault.domain.drive;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;

/**
 * A profile's connected Drive folder: read with the grant of the member who connected it; {@code
 * pageToken} is where the next listing of Drive's changes starts (null until the first channel).
 */
public record DriveFolder(
        ProfileId profile,
        String folderId,
        UserId connectedBy,
        Instant connectedAt,
        String pageToken) {

    public DriveFolder {
        Checks.required("profile", profile);
        Checks.required("folder_id", folderId);
        Checks.required("connected_by", connectedBy);
        Checks.required("connected_at", connectedAt);
    }
}
