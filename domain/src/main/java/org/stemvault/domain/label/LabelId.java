package org.stemvault.domain.label;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a song or a location. */
public record LabelId(UUID value) {

    public LabelId {
        Checks.required("id", value);
    }

    public static LabelId random() {
        return new LabelId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
