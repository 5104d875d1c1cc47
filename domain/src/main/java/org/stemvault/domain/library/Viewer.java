package org.stemvault.domain.library;

import org.stemvault.domain.Checks;
import org.stemvault.domain.user.UserId;

/** Who is looking: a user, who sees the profiles they are a member of, or every profile when an admin. */
public record Viewer(UserId user, boolean admin) {

    public Viewer {
        Checks.required("user_id", user);
    }
}
