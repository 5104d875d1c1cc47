package org.stemvault.domain.user;

import java.time.Instant;
import org.stemvault.domain.Checks;

/**
 * A person known to the service: signed in at least once, or provisioned by an admin's grant before
 * their first login (then {@code name}, {@code pictureUrl} and {@code lastLoginAt} are null).
 */
public record User(
        UserId id,
        Email email,
        String name,
        String pictureUrl,
        Role role,
        Instant createdAt,
        Instant lastLoginAt) {

    public User {
        Checks.required("id", id);
        Checks.required("email", email);
        Checks.optionalText("name", name, 500);
        Checks.optionalText("picture_url", pictureUrl, 2000);
        Checks.required("role", role);
        Checks.required("created_at", createdAt);
    }

    /** A user known by email only, before their first login. */
    public static User provisioned(Email email, Instant now) {
        return new User(UserId.random(), email, null, null, Role.MEMBER, now, null);
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
