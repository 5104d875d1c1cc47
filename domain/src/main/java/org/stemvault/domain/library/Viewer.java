package org.stemvault.domain.library;

import org.stemvault.domain.Checks;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.UserId;

/**
 * Who is looking at profiles: a signed-in user, by id, in one session. Whether that session is
 * still open, the user still exists, is an admin (who sees every profile) or a member of a profile
 * is read where the data is read, in the same step, never from a token.
 */
public record Viewer(UserId user, SessionId session) {

    public Viewer {
        Checks.required("user_id", user);
        Checks.required("session_id", session);
    }
}
