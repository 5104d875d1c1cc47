package org.stemvault.postgres.ops;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.ops.Backlog;
import org.stemvault.postgres.Database;

/**
 * The backlog in one statement: {@code embedding_jobs}, {@code jobs} by status (the queue's partial
 * index gives the oldest queued) and {@code media_deletions}.
 */
@Singleton
final class PostgresBacklog implements Backlog {

    private final Database db;

    PostgresBacklog(Database db) {
        this.db = db;
    }

    @Override
    public Snapshot snapshot(Instant now) {
        return db.first(
                        """
                        SELECT (SELECT count(*) FROM embedding_jobs) AS embeddings,
                               (SELECT min(not_before) FROM embedding_jobs WHERE not_before <= ?)
                                   AS embedding_due,
                               (SELECT min(created_at) FROM jobs WHERE status = 'queued')
                                   AS oldest_queued,
                               (SELECT count(*) FROM media_deletions) AS deletions,
                               j.queued, j.processing, j.complete, j.error, j.cancelled
                        FROM (SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                                     count(*) FILTER (WHERE status = 'processing') AS processing,
                                     count(*) FILTER (WHERE status = 'complete') AS complete,
                                     count(*) FILTER (WHERE status = 'error') AS error,
                                     count(*) FILTER (WHERE status = 'cancelled') AS cancelled
                              FROM jobs) j
                        """,
                        ps -> Database.setInstant(ps, 1, now),
                        rs -> map(rs, now))
                .orElseThrow();
    }

    private static Snapshot map(ResultSet rs, Instant now) throws SQLException {
        Map<JobStatus, Long> jobs = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            jobs.put(status, rs.getLong(status.code()));
        }
        return new Snapshot(
                rs.getLong("embeddings"),
                waited(Database.instant(rs, "embedding_due"), now),
                jobs,
                waited(Database.instant(rs, "oldest_queued"), now),
                rs.getLong("deletions"));
    }

    private static Duration waited(Instant since, Instant now) {
        return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }
}
