package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.job.Dispatch;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Sends queued jobs to the push worker from every instance: claims are atomic, so instances share
 * the queue; what one instance claimed and could not send comes back when its lease runs out.
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
@Requires(property = "stemvault.worker.url", pattern = ".+")
final class PushDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final Dispatch dispatch;

    PushDispatcher(
            Dispatch dispatch,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            WorkerSettings settings) {
        this.dispatch = dispatch;
        scheduler.scheduleWithFixedDelay(
                settings.pollInterval(), settings.pollInterval(), this::send);
    }

    void send() {
        try {
            while (dispatch.dispatch(16) == 16) {
                // more waiting: keep going before the next round
            }
        } catch (RuntimeException e) {
            LOG.warn("push worker: dispatching failed: {}", e.getMessage());
        }
    }
}
