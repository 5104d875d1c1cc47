package org.stemvault.domain.profile;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a profile. */
public record ProfileId(UUID value) {

    public ProfileId {
        Checks.required("profile_id", value);
    }

    public static ProfileId random() {
        return new ProfileId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
