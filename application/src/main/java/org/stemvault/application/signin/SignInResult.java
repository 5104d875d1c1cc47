package org.stemvault.application.signin;

import org.stemvault.application.Principal;

/**
 * The outcome of a login: admitted as a principal, or refused for a reason that names no other
 * user.
 */
public sealed interface SignInResult {

    /** The login is admitted; the user row was created or refreshed. */
    record Admitted(Principal principal) implements SignInResult {}

    /**
     * The login is refused; nothing was written. {@code reason} is a short code for the frontend.
     */
    record Refused(String reason) implements SignInResult {}
}
