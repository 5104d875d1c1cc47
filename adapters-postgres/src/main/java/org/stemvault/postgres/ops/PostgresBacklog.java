package org.stemvault.postgres.ops;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.stemvault.domain.drive.DriveImport;
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
                               (SELECT count(*) FROM drive_folders f
                                  JOIN drive_grants g ON g.user_id = f.connected_by
                                 WHERE g.revoked_at IS NULL) AS drive_folders,
                               (SELECT count(*) FROM drive_channels
                                 WHERE NOT stopping AND expires_at < ? + interval '1 hour')
                                   AS drive_expiring,
                               d.importing, d.imported, d.duplicate, d.failed,
                               j.queued, j.processing, j.complete, j.error, j.cancelled
                        FROM (SELECT count(*) FILTER (WHERE status = 'queued') AS queued,
                                     count(*) FILTER (WHERE status = 'processing') AS processing,
                                     count(*) FILTER (WHERE status = 'complete') AS complete,
                                     count(*) FILTER (WHERE status = 'error') AS error,
                                     count(*) FILTER (WHERE status = 'cancelled') AS cancelled
                              FROM jobs) j,
                             (SELECT count(*) FILTER (WHERE outcome = 'importing') AS importing,
                                     count(*) FILTER (WHERE outcome = 'imported') AS imported,
                                     count(*) FILTER (WHERE outcome = 'duplicate') AS duplicate,
                                     count(*) FILTER (WHERE outcome = 'failed') AS failed
                              FROM drive_imports) d
                        """,
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            Database.setInstant(ps, 2, now);
                        },
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
                rs.getLong("deletions"),
                new Backlog.Drive(
                        rs.getLong("drive_folders"), rs.getLong("drive_expiring"), imports(rs)));
    }

    private static Duration waited(Instant since, Instant now) {
        return since == null || since.isAfter(now) ? Duration.ZERO : Duration.between(since, now);
    }

    /** Every outcome, zero included. */
    private static Map<String, Long> imports(ResultSet rs) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        for (DriveImport.Outcome outcome : DriveImport.Outcome.values()) {
            counts.put(outcome.code(), rs.getLong(outcome.code()));
        }
        return counts;
    }
}
