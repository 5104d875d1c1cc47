package org.stemvault.domain.user;

import java.util.Optional;

/**
 * The open sessions of signed-in users. A session token counts only while its session is stored
 * here: ending a session is removing it, so the check on every request is whether it exists.
 */
public interface Sessions {

    /** Stores a new session, forgetting that user's sessions which have expired by its opening. */
    void open(Session session);

    /** The session's user while the session is open and belongs to that user. */
    Optional<User> user(SessionId session, UserId user);

    /** Ends one session of the user; false when it was not open. */
    boolean end(SessionId session, UserId user);

    /** Ends every session of the user; answers how many were open. */
    int endAll(UserId user);
}
