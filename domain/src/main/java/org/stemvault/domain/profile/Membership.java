package org.stemvault.domain.profile;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.user.UserId;

/** A user's access to one profile (the user_profiles link). */
public record Membership(UserId user, ProfileId profile, Instant grantedAt) {

    public Membership {
        Checks.required("user_id", user);
        Checks.required("profile_id", profile);
        Checks.required("granted_at", grantedAt);
    }
}
