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
import org.stemvault.domain.user.UserId;

/**
 * Who an authenticated request acts for. A session's user is read from the database on each request
 * (one statement), so a deleted user is refused and an admin's right is the database's; the files
 * list, the hot path, does that check inside its own statement instead ({@link #userId}).
 */
@Singleton
public final class CurrentUser {

    private final SignIn signIn;

    CurrentUser(SignIn signIn) {
        this.signIn = signIn;
    }

    /** The session's user id, not yet checked against the database. */
    public UserId userId(Authentication authentication) {
        if (authentication.getRoles().contains(Sessions.WORKER)) {
            throw new IllegalStateException("a worker has no user id");
        }
        return new UserId(UUID.fromString(authentication.getName()));
    }

    /** The session's user as stored now; {@link Unauthenticated} when it no longer exists. */
    public Principal principal(Authentication authentication) {
        return find(authentication).orElseThrow(Unauthenticated::new);
    }

    /** The session's user as stored now, if it still exists. */
    public Optional<Principal> find(Authentication authentication) {
        return signIn.principal(userId(authentication));
    }

    /** A person or a worker (whose token was checked when the request was authenticated). */
    public Caller caller(Authentication authentication) {
        if (authentication.getRoles().contains(Sessions.WORKER)) {
            return new WorkerCaller(
                    UUID.fromString(
                            authentication.getName().substring(Sessions.WORKER_SUBJECT.length())));
        }
        return principal(authentication);
    }
}
