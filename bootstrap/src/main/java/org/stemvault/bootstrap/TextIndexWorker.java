package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.inject.Named;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.search.TextIndex;
import org.stemvault.bootstrap.cli.Cli;

/**
 * Drains the text-embedding queue in the background, on every instance: jobs are leased in the
 * database, so instances share the work and a stopped one loses nothing. Does nothing (and asks
 * nothing) without text spaces.
 */
@Context
@Requires(notEnv = Cli.ENVIRONMENT)
final class TextIndexWorker {

    private static final Logger LOG = LoggerFactory.getLogger(TextIndexWorker.class);

    private final TextIndex textIndex;

    TextIndexWorker(
            TextIndex textIndex,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            EmbeddingSettings settings) {
        this.textIndex = textIndex;
        scheduler.scheduleWithFixedDelay(
                settings.workerDelay(), settings.workerDelay(), this::drain);
    }

    void drain() {
        try {
            while (textIndex.drain(32) == 32) {
                // more waiting: keep going before the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("text embedding queue: {}", e.getMessage());
        }
    }
}
