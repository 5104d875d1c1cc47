package org.stemvault.domain.feedback;

import java.util.UUID;
import org.stemvault.domain.Checks;

/** The id a search answer carries, under which its member reports what they did with it. */
public record SearchId(UUID value) {

    public SearchId {
        Checks.required("search_id", value);
    }

    public static SearchId random() {
        return new SearchId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
