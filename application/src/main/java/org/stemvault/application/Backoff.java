package org.stemvault.application;

import java.time.Duration;
import java.time.Instant;

/**
 * When failed work is tried again: after a first pause that doubles with each attempt (exponential
 * back-off), for jobs, pushes and media deletions alike.
 */
public final class Backoff {

    private Backoff() {}

    /**
     * When work that failed its {@code attempts}-th attempt may be tried again: after {@code
     * first}, doubling with each attempt (at most 2^16 times).
     */
    public static Instant retryAt(int attempts, Instant now, Duration first) {
        return now.plus(first.multipliedBy(1L << Math.min(16, Math.max(0, attempts - 1))));
    }
}
