package org.stemvault.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
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
    private volatile boolean stopping;

    TextIndexWorker(
            TextIndex textIndex,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            EmbeddingSettings settings) {
        this.textIndex = textIndex;
        scheduler.scheduleWithFixedDelay(
                settings.workerDelay(), settings.workerDelay(), this::drain);
    }

    synchronized void drain() {
        try {
            while (!stopping && textIndex.drain(32, () -> stopping) == 32) {
                // more waiting: keep going before the next tick
            }
        } catch (RuntimeException e) {
            LOG.warn("text embedding queue: {}", e.getMessage());
        }
    }

    /**
     * On shutdown: the round under way embeds the recording it is on and hands the rest of its
     * claimed jobs back (due at once for another instance); no new round starts.
     */
    @PreDestroy
    void stop() {
        stopping = true;
        synchronized (this) {
            LOG.info("text embedding worker stopped");
        }
    }
}
