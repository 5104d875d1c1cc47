package org.stemvault.domain.user;

import java.time.Duration;
import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * One sign-in of a user, open from {@code openedAt} until it is ended (sign-out, sign-out
 * everywhere, an admin's revocation) or, at the latest, {@code expiresAt}, when its token expires.
 */
public record Session(SessionId id, UserId user, Instant openedAt, Instant expiresAt) {

    public Session {
        Checks.required("session_id", id);
        Checks.required("user_id", user);
        Checks.required("opened_at", openedAt);
        Checks.required("expires_at", expiresAt);
        if (!expiresAt.isAfter(openedAt)) {
            throw new Invalid("expires_at", "must be after opened_at");
        }
    }

    /** A new session of the user, open now for {@code lifetime}. */
    public static Session open(UserId user, Instant now, Duration lifetime) {
        return new Session(SessionId.random(), user, now, now.plus(lifetime));
    }
}
