package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.media.MediaCleanup;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Carries out pending deletions of stored media in the background, on every instance: requests are
 * leased in the database, so instances share the work and a stopped one loses nothing.
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
final class MediaCleanupWorker {

    private static final Logger LOG = LoggerFactory.getLogger(MediaCleanupWorker.class);

    private final MediaCleanup cleanup;

    MediaCleanupWorker(
            MediaCleanup cleanup,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            MediaSettings settings) {
        this.cleanup = cleanup;
        scheduler.scheduleWithFixedDelay(
                settings.cleanupInterval(), settings.cleanupInterval(), this::drain);
        scheduler.scheduleWithFixedDelay(SWEEP_EVERY, SWEEP_EVERY, this::sweep);
    }

    /** How often partial uploads a crash left are looked for (a listing of every source). */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(30);

    void sweep() {
        try {
            int swept = cleanup.sweepPartialUploads();
            if (swept > 0) {
                LOG.info("media: removed {} partial uploads left by an interrupted upload", swept);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("partial uploads: {}", e.getMessage());
        }
    }

    void drain() {
        try {
            while (cleanup.drain(32) == 32) {
                // more waiting: keep going before the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("media deletions: {}", e.getMessage());
        }
    }
}
