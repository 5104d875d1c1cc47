package org.stemvault.postgres.search;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.search.EmbeddingJobs;
import org.stemvault.postgres.Database;

/** The text-embedding queue in {@code embedding_jobs}: claims are leases taken with SKIP LOCKED. */
@Singleton
final class PostgresEmbeddingJobs implements EmbeddingJobs {

    private final Database db;

    PostgresEmbeddingJobs(Database db) {
        this.db = db;
    }

    @Override
    public void enqueue(RecordingId recording, String space, Instant at) {
        db.update(
                """
                INSERT INTO embedding_jobs (recording_id, space, not_before) VALUES (?, ?, ?)
                ON CONFLICT (recording_id, space) DO UPDATE SET
                    version = embedding_jobs.version + 1, attempts = 0, not_before = EXCLUDED.not_before, last_error = NULL
                """,
                ps -> {
                    ps.setObject(1, recording.value());
                    ps.setString(2, space);
                    Database.setInstant(ps, 3, at);
                });
    }

    @Override
    public List<Job> claim(int max, Instant now, Instant leaseUntil) {
        return db.writeList(
                """
                UPDATE embedding_jobs j SET not_before = ?, attempts = j.attempts + 1
                FROM (SELECT recording_id, space FROM embedding_jobs WHERE not_before <= ?
                      ORDER BY not_before LIMIT ? FOR UPDATE SKIP LOCKED) due
                WHERE j.recording_id = due.recording_id AND j.space = due.space
                RETURNING j.recording_id, j.space, j.version, j.attempts
                """,
                ps -> {
                    Database.setInstant(ps, 1, leaseUntil);
                    Database.setInstant(ps, 2, now);
                    ps.setInt(3, max);
                },
                rs ->
                        new Job(
                                new RecordingId(Database.uuid(rs, "recording_id")),
                                rs.getString("space"),
                                rs.getLong("version"),
                                rs.getInt("attempts")));
    }

    @Override
    public void done(Job job) {
        db.update(
                "DELETE FROM embedding_jobs WHERE recording_id = ? AND space = ? AND version = ?",
                ps -> {
                    ps.setObject(1, job.recording().value());
                    ps.setString(2, job.space());
                    ps.setLong(3, job.version());
                });
    }

    @Override
    public void release(Job job, Instant now) {
        db.update(
                "UPDATE embedding_jobs SET not_before = ?, attempts = greatest(attempts - 1, 0)"
                        + " WHERE recording_id = ? AND space = ?",
                ps -> {
                    Database.setInstant(ps, 1, now);
                    ps.setObject(2, job.recording().value());
                    ps.setString(3, job.space());
                });
    }

    @Override
    public void failed(Job job, String error, Instant retryAt) {
        db.update(
                "UPDATE embedding_jobs SET last_error = ?, not_before = ? WHERE recording_id = ? AND space = ?"
                        + " AND version = ?",
                ps -> {
                    ps.setString(1, error);
                    Database.setInstant(ps, 2, retryAt);
                    ps.setObject(3, job.recording().value());
                    ps.setString(4, job.space());
                    ps.setLong(5, job.version());
                });
    }

    @Override
    public int pending() {
        return db.first("SELECT count(*) FROM embedding_jobs", ps -> {}, rs -> rs.getInt(1))
                .orElse(0);
    }
}
