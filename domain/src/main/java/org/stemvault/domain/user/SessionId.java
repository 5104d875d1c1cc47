package org.stemvault.domain.user;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of one signed-in session: what a session token names besides its user. */
public record SessionId(UUID value) {

    public SessionId {
        Checks.required("session_id", value);
    }

    public static SessionId random() {
        return new SessionId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
