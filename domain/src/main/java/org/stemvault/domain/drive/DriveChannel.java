package org.stemvault.domain.drive;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.user.UserId;

/**
 * A Drive changes watch channel: Drive posts to the service's webhook naming {@code id} and the
 * channel's token, of which only the SHA-256 ({@code tokenHash}, hex) is stored. A channel to stop
 * ({@code stopping}) belongs to a folder that was disconnected or replaced.
 */
public record DriveChannel(
        String id,
        ProfileId profile,
        UserId owner,
        String tokenHash,
        String resourceId,
        Instant expiresAt,
        boolean stopping) {

    public DriveChannel {
        Checks.required("id", id);
        Checks.required("profile", profile);
        Checks.required("owner", owner);
        Checks.required("token_hash", tokenHash);
        Checks.required("expires_at", expiresAt);
    }
}
