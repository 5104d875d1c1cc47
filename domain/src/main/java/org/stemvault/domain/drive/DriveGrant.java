package org.stemvault.domain.drive;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.user.UserId;

/**
 * A member's consent to let the service read their Google Drive ({@code drive.readonly}, offline):
 * the refresh token sealed under the key {@code keyId} (never the token itself), and when Google
 * was found to have revoked it ({@code revokedAt}, null while it works).
 */
public record DriveGrant(
        UserId user, String keyId, String sealedToken, Instant grantedAt, Instant revokedAt) {

    public DriveGrant {
        Checks.required("user", user);
        Checks.required("key_id", keyId);
        Checks.required("sealed_token", sealedToken);
        Checks.required("granted_at", grantedAt);
    }

    /** Whether the grant can still be used. */
    public boolean live() {
        return revokedAt == null;
    }
}
