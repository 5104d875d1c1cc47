package org.stemvault.web.auth;

import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import org.stemvault.application.Caller;
import org.stemvault.application.Principal;
import org.stemvault.application.WorkerCaller;
import org.stemvault.application.signin.SignIn;
import org.stemvault.domain.Unauthenticated;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.user.SessionId;
import org.stemvault.domain.user.UserId;
import org.stemvault.domain.worker.WorkerTokenId;

/**
 * Who an authenticated request acts for. A session's user is read from the database on each request
 * (one statement), so an ended session or a deleted user is refused and an admin's right is the
 * database's; the hot paths do that check inside their own statement instead ({@link #viewer}).
 */
@Singleton
public final class CurrentUser {

    private final SignIn signIn;

    CurrentUser(SignIn signIn) {
        this.signIn = signIn;
    }

    /** The session's user and session, not yet checked against the database. */
    public Viewer viewer(Authentication authentication) {
        if (authentication.getRoles().contains(Sessions.WORKER)) {
            throw new IllegalStateException("a worker has no session");
        }
        if (!(authentication.getAttributes().get(Sessions.SESSION_CLAIM)
                instanceof String session)) {
            throw new Unauthenticated();
        }
        return new Viewer(
                new UserId(UUID.fromString(authentication.getName())),
                new SessionId(UUID.fromString(session)));
    }

    /** The session's user as stored now; {@link Unauthenticated} when the session has ended. */
    public Principal principal(Authentication authentication) {
        return find(authentication).orElseThrow(Unauthenticated::new);
    }

    /** The session's user as stored now, while the session is open and the user exists. */
    public Optional<Principal> find(Authentication authentication) {
        return signIn.principal(viewer(authentication));
    }

    /** Ends the request's session, or every session of its user; answers how many ended. */
    public int signOut(Authentication authentication, boolean everywhere) {
        return signIn.signOut(viewer(authentication), everywhere);
    }

    /** A person or a worker (whose token was checked when the request was authenticated). */
    public Caller caller(Authentication authentication) {
        if (authentication.getRoles().contains(Sessions.WORKER)) {
            return new WorkerCaller(
                    new WorkerTokenId(
                            UUID.fromString(
                                    authentication
                                            .getName()
                                            .substring(Sessions.WORKER_SUBJECT.length()))));
        }
        return principal(authentication);
    }
}
