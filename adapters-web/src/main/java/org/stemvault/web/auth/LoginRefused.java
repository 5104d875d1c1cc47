package org.stemvault.web.auth;

/**
 * A login callback that cannot be trusted; {@link #reason()} is the short code the frontend
 * receives.
 */
final class LoginRefused extends RuntimeException {

    private final String reason;

    LoginRefused(String reason) {
        super("login refused: " + reason, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
