package org.stemvault.domain.mix;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The identity of a take-away mix. */
public record MixId(UUID value) {

    public MixId {
        Checks.required("mix_id", value);
    }

    public static MixId random() {
        return new MixId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
