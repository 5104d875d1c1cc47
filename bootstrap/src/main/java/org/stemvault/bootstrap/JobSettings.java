package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.stemvault.application.job.ProcessingSettings;
import org.stemvault.application.job.Uploads;

/**
 * {@code stemvault.jobs}: the largest upload, how often a job is tried, how long a worker's claim
 * lasts without a heartbeat, the first pause after a failed attempt (doubling each time), how often
 * leases are checked, and the format workers encode stems in.
 */
@ConfigurationProperties("stemvault.jobs")
record JobSettings(
        long maxUploadBytes,
        int maxAttempts,
        Duration lease,
        Duration backoff,
        Duration janitorInterval,
        String outputFormat,
        String outputBitrate) {

    Uploads.Settings uploads() {
        return new Uploads.Settings(maxUploadBytes, maxAttempts);
    }

    ProcessingSettings processing() {
        return new ProcessingSettings(lease, backoff, outputFormat, outputBitrate);
    }
}
