package org.stemvault.domain.label;

import java.time.Instant;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.profile.ProfileId;

/**
 * A song or a location of one profile: a name of 1 to 200 characters, trimmed, unique in the
 * profile whatever its case.
 */
public record Label(
        LabelId id,
        LabelKind kind,
        ProfileId profile,
        String name,
        Instant createdAt,
        Instant updatedAt) {

    public static final int MAX_NAME = 200;

    public Label {
        Checks.required("id", id);
        Checks.required("kind", kind);
        Checks.required("profile_id", profile);
        name = name(name);
        Checks.required("created_at", createdAt);
        Checks.required("updated_at", updatedAt);
    }

    public static Label create(LabelKind kind, ProfileId profile, String name, Instant now) {
        return new Label(LabelId.random(), kind, profile, name, now, now);
    }

    public Label renamed(String newName, Instant now) {
        return new Label(id, kind, profile, newName, createdAt, now);
    }

    /** A label's name, trimmed; blank or longer than {@link #MAX_NAME} is refused. */
    public static String name(String name) {
        Checks.required("name", name);
        String trimmed = name.strip();
        if (trimmed.isEmpty()) {
            throw new Invalid("name", "must not be blank");
        }
        return Checks.name("name", trimmed, MAX_NAME);
    }
}
