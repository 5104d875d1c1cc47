package org.stemvault.web.auth;

import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.stemvault.domain.worker.WorkerTokenId;

/**
 * The roles, subjects and claims of the service's tokens. A session token names a user id and its
 * session id ({@value #SESSION_CLAIM}) and nothing else: whether that session is still open, who
 * the user is and whether an admin, is read from the database ({@link CurrentUser}).
 */
public final class Sessions {

    /** The role of every signed-in person (not of a worker token). */
    public static final String MEMBER = "member";

    /** The role of a processing worker's token. */
    public static final String WORKER = "worker";

    /** How a worker token's subject starts: {@code worker:<token id>}. */
    static final String WORKER_SUBJECT = "worker:";

    /** The claim of a session token that names its session. */
    static final String SESSION_CLAIM = "sid";

    private Sessions() {}

    static Authentication user(UUID userId, UUID sessionId) {
        return Authentication.build(
                userId.toString(), List.of(MEMBER), Map.of(SESSION_CLAIM, sessionId.toString()));
    }

    static Authentication worker(WorkerTokenId tokenId) {
        return Authentication.build(WORKER_SUBJECT + tokenId, List.of(WORKER));
    }
}
