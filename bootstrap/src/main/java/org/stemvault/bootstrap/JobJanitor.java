package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.job.Processing;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Puts jobs whose worker stopped answering back in the queue (or in error after their last
 * attempt), on every instance: the statement is atomic, so instances doing it at once do it once.
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
final class JobJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(JobJanitor.class);

    private final Processing processing;

    JobJanitor(
            Processing processing,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            JobSettings settings) {
        this.processing = processing;
        scheduler.scheduleWithFixedDelay(
                settings.janitorInterval(), settings.janitorInterval(), this::sweep);
    }

    void sweep() {
        try {
            int expired = processing.expireLeases();
            if (expired > 0) {
                LOG.info("jobs: {} lease(s) ran out; back in the queue or ended in error", expired);
            }
        } catch (RuntimeException e) {
            LOG.warn("jobs: checking leases failed: {}", e.getMessage());
        }
    }
}
