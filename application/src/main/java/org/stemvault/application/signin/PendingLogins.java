package org.stemvault.application.signin;

import java.time.Instant;
import java.util.Optional;

/**
 * Logins begun and not yet finished, kept where every instance of the service sees them: a value
 * stored under a key can be taken once, before it expires, and never again.
 */
public interface PendingLogins {

    /**
     * Keeps {@code value} under {@code key} until {@code expiresAt}; forgets logins that have
     * expired.
     */
    void remember(String key, String value, Instant expiresAt);

    /**
     * The value under {@code key}, removed in the same step; empty when unknown, taken or expired.
     */
    Optional<String> take(String key, Instant now);
}
