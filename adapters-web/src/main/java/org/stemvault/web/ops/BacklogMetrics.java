package org.stemvault.web.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.BeanProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.ops.Monitoring;
import org.stemvault.domain.drive.DriveImport;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.ops.Backlog;

/**
 * The backlog as gauges: read once per scrape (one statement, reused for a second so that every
 * gauge of a scrape shows the same moment); while the database cannot answer, they are NaN.
 */
@Singleton
final class BacklogMetrics implements MeterBinder {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogMetrics.class);
    private static final long REUSE_MILLIS = 1_000L;

    /** Looked up at the first scrape: the pool's own metrics need the registry this binds to. */
    private final BeanProvider<Monitoring> monitoring;

    /** The service's clock, so a test moves time instead of waiting for it. */
    private final Clock clock;

    private Backlog.Snapshot last;
    private long readAt;

    BacklogMetrics(BeanProvider<Monitoring> monitoring, Clock clock) {
        this.monitoring = monitoring;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "stemvault.embedding.queue.depth",
                "Text embeddings still to compute",
                s -> s.embeddingsPending());
        gauge(
                registry,
                "stemvault.embedding.queue.oldest.seconds",
                "How long the longest-due text embedding has waited",
                s -> s.oldestEmbeddingWait().toMillis() / 1000.0);
        for (JobStatus status : JobStatus.values()) {
            Gauge.builder(
                            "stemvault.jobs",
                            this,
                            m -> m.read(s -> s.jobs().getOrDefault(status, 0L)))
                    .description("Processing jobs by status")
                    .tag("status", status.code())
                    .register(registry);
        }
        gauge(
                registry,
                "stemvault.jobs.dead.letters",
                "Jobs that ended in error after their last attempt",
                Backlog.Snapshot::deadLetters);
        gauge(
                registry,
                "stemvault.jobs.queue.oldest.seconds",
                "How long the oldest queued job has waited",
                s -> s.oldestQueuedJobWait().toMillis() / 1000.0);
        gauge(
                registry,
                "stemvault.drive.folders.connected",
                "Drive folders connected with a grant that works",
                s -> s.drive().connectedFolders());
        gauge(
                registry,
                "stemvault.drive.channels.expiring",
                "Drive watch channels expiring within the hour (renewal should have replaced them)",
                s -> s.drive().channelsExpiringSoon());
        for (DriveImport.Outcome outcome : DriveImport.Outcome.values()) {
            Gauge.builder(
                            "stemvault.drive.imports",
                            this,
                            m -> m.read(s -> s.drive().imports().getOrDefault(outcome.code(), 0L)))
                    .description("Drive imports by outcome")
                    .tag("outcome", outcome.code())
                    .register(registry);
        }
        gauge(
                registry,
                "stemvault.media.deletions.pending",
                "Stored media still to delete",
                s -> s.mediaDeletionsPending());
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            ToDoubleFunction<Backlog.Snapshot> value) {
        Gauge.builder(name, this, m -> m.read(value)).description(description).register(registry);
    }

    private double read(ToDoubleFunction<Backlog.Snapshot> value) {
        Backlog.Snapshot snapshot = snapshot();
        return snapshot == null ? Double.NaN : value.applyAsDouble(snapshot);
    }

    private synchronized Backlog.Snapshot snapshot() {
        long now = clock.millis();
        if (last == null || now - readAt > REUSE_MILLIS) {
            try {
                last = monitoring.get().backlog();
            } catch (RuntimeException e) {
                LOG.debug("backlog metrics: the database did not answer", e);
                last = null;
            }
            readAt = now;
        }
        return last;
    }
}
