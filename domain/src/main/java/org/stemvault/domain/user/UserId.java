package org.stemvault.domain.user;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a user. */
public record UserId(UUID value) {

    public UserId {
        Checks.required("user_id", value);
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
