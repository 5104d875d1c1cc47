package org.stemvault.application.job;

import java.time.Duration;

/**
 * How long a claim or a heartbeat holds a job, the first pause after a failed attempt (doubling),
 * and the format and bit rate workers encode stems in.
 */
public record ProcessingSettings(
        Duration lease, Duration backoff, String outputFormat, String outputBitrate) {

    public ProcessingSettings {
        if (lease.isNegative() || lease.isZero() || backoff.isNegative()) {
            throw new IllegalArgumentException(
                    "a lease must be positive and a back-off not negative");
        }
    }
}
