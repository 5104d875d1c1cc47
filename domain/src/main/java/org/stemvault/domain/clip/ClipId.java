package org.stemvault.domain.clip;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a clip. */
public record ClipId(UUID value) {

    public ClipId {
        Checks.required("id", value);
    }

    public static ClipId random() {
        return new ClipId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
