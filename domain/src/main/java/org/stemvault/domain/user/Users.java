package org.stemvault.domain.user;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The stored users, one per email address (compared case-insensitively). */
public interface Users {

    Optional<User> byId(UserId id);

    Optional<User> byEmail(Email email);

    List<User> all();

    /**
     * Creates the user of a verified login, or refreshes name, picture and last login of the one
     * with that email, in one atomic step: id, role and created_at of an existing user are kept.
     */
    User signedIn(Email email, String name, String pictureUrl, Instant at);

    /** The user with this email, created without a login when there is none yet. */
    User provision(Email email, Instant at);

    /** Sets the role; false when there is no such user. */
    boolean changeRole(UserId id, Role role);

    /** The outcome of a demotion. */
    enum Demotion {
        DEMOTED,
        NOT_AN_ADMIN,
        LAST_ADMIN
    }

    /**
     * Makes an admin a member, unless no other admin would remain; concurrent demotions are
     * serialised, so two admins demoting each other cannot leave none.
     */
    Demotion demoteUnlessLastAdmin(UserId id);
}
