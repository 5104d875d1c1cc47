package org.stemvault.postgres.job;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.stemvault.domain.Position;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.job.Job;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobKind;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.job.Jobs;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;

/** The processing queue in {@code jobs}; every call is one statement. */
@Singleton
final class PostgresJobs implements Jobs {

    private static final String COLUMNS =
            "j.id, j.kind, j.profile_id, p.name AS profile_name, j.audio_file_id, j.mix_id,"
                    + " j.output_name, j.filename,"
                    + " j.input_key, j.status, j.attempts, j.max_attempts, j.not_before, j.lease_until,"
                    + " j.claimed_at,"
                    + " j.worker, j.stage, j.percent, j.error, j.stems, j.created_at, j.updated_at";

    private static final String SELECT =
            "SELECT " + COLUMNS + " FROM jobs j JOIN profiles p ON p.id = j.profile_id";

    /** What a job that leaves a worker's hands no longer has. */
    private static final String RELEASED = "lease_until = NULL, worker = NULL, heartbeat_at = NULL";

    private final Database db;
    private final Visibility visibility;

    PostgresJobs(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    @Override
    public void create(Job job) {
        db.update(
                """
                INSERT INTO jobs (id, profile_id, audio_file_id, output_name, filename, input_key, status,
                                  attempts, max_attempts, not_before, stems, percent, created_at, updated_at,
                                  kind, mix_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, job.id().value());
                    ps.setObject(2, job.profile().value());
                    ps.setObject(
                            3,
                            job.audioFile() == null ? null : job.audioFile().value(),
                            Types.OTHER);
                    ps.setString(4, job.outputName().value());
                    ps.setString(5, job.filename());
                    ps.setString(6, job.inputKey());
                    ps.setString(7, job.status().code());
                    ps.setInt(8, job.attempts());
                    ps.setInt(9, job.maxAttempts());
                    Database.setInstant(ps, 10, job.notBefore());
                    setStems(ps, 11, job.stems());
                    ps.setObject(12, job.percent(), Types.INTEGER);
                    Database.setInstant(ps, 13, job.createdAt());
                    Database.setInstant(ps, 14, job.updatedAt());
                    ps.setString(15, job.kind().code());
                    ps.setObject(16, job.mix() == null ? null : job.mix().value(), Types.OTHER);
                });
    }

    @Override
    public Optional<Job> byId(JobId id) {
        return db.first(
                SELECT + " WHERE j.id = ?", ps -> ps.setObject(1, id.value()), PostgresJobs::map);
    }

    @Override
    public Optional<Job> ofAudioFile(AudioFileId audioFile) {
        return db.first(
                SELECT + " WHERE j.audio_file_id = ?",
                ps -> ps.setObject(1, audioFile.value()),
                PostgresJobs::map);
    }

    @Override
    public Optional<Job> visible(Viewer viewer, JobId id) {
        return db.first(
                Visibility.with(
                        " SELECT "
                                + COLUMNS
                                + " FROM jobs j JOIN visible p ON p.id = j.profile_id"
                                + " WHERE j.id = ?"),
                ps -> ps.setObject(visibility.bind(ps, viewer), id.value()),
                PostgresJobs::map);
    }

    @Override
    public Optional<Job> claim(String worker, Set<JobKind> kinds, Instant now, Instant leaseUntil) {
        return db.writeReturning(
                """
                WITH next AS (
                    SELECT id FROM jobs WHERE status = 'queued' AND not_before <= ? AND kind = ANY (?)
                    ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
                ), j AS (
                    UPDATE jobs SET status = 'processing', attempts = jobs.attempts + 1, worker = ?,
                                    lease_until = ?, heartbeat_at = ?, claimed_at = ?, stage = 'claimed',
                                    percent = 0,
                                    updated_at = ?
                    FROM next WHERE jobs.id = next.id
                    RETURNING jobs.*
                )
                SELECT\
                """
                        + " "
                        + COLUMNS
                        + " FROM j JOIN profiles p ON p.id = j.profile_id",
                ps -> {
                    Database.setInstant(ps, 1, now);
                    ps.setArray(
                            2,
                            ps.getConnection()
                                    .createArrayOf(
                                            "text", kinds.stream().map(JobKind::code).toArray()));
                    ps.setString(3, worker);
                    Database.setInstant(ps, 4, leaseUntil);
                    Database.setInstant(ps, 5, now);
                    Database.setInstant(ps, 6, now);
                    Database.setInstant(ps, 7, now);
                },
                PostgresJobs::map);
    }

    @Override
    public boolean heartbeat(
            JobId id,
            String worker,
            String stage,
            Integer percent,
            Instant now,
            Instant leaseUntil) {
        return db.update(
                        "UPDATE jobs SET stage = coalesce(?, stage), percent = coalesce(?, percent),"
                                + " heartbeat_at = ?, lease_until = ?, updated_at = ?"
                                + " WHERE id = ? AND status = 'processing' AND worker = ?",
                        ps -> {
                            ps.setString(1, stage);
                            ps.setObject(2, percent, Types.INTEGER);
                            Database.setInstant(ps, 3, now);
                            Database.setInstant(ps, 4, leaseUntil);
                            Database.setInstant(ps, 5, now);
                            ps.setObject(6, id.value());
                            ps.setString(7, worker);
                        })
                == 1;
    }

    @Override
    public boolean complete(JobId id, String worker, List<String> stems, Instant now) {
        return db.update(
                        "UPDATE jobs SET status = 'complete', stems = ?, stage = 'complete', percent = 100,"
                                + " error = NULL, updated_at = ?, "
                                + RELEASED
                                + " WHERE id = ? AND status = 'processing' AND worker = ?",
                        ps -> {
                            setStems(ps, 1, stems);
                            Database.setInstant(ps, 2, now);
                            ps.setObject(3, id.value());
                            ps.setString(4, worker);
                        })
                == 1;
    }

    @Override
    public Optional<JobStatus> fail(
            JobId id, String worker, String error, Instant now, Instant retryAt) {
        return db.writeReturning(
                "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'error' ELSE 'queued' END,"
                        + " error = ?, not_before = ?, stage = NULL, percent = NULL, updated_at = ?, "
                        + RELEASED
                        + " WHERE id = ? AND status = 'processing' AND worker = ? RETURNING status",
                ps -> {
                    ps.setString(1, error);
                    Database.setInstant(ps, 2, retryAt);
                    Database.setInstant(ps, 3, now);
                    ps.setObject(4, id.value());
                    ps.setString(5, worker);
                },
                rs -> JobStatus.fromCode(rs.getString(1)));
    }

    @Override
    public boolean release(JobId id, String worker, Instant now) {
        return db.update(
                        "UPDATE jobs SET status = 'queued', attempts = attempts - 1, not_before = ?,"
                                + " stage = NULL, percent = NULL, updated_at = ?, "
                                + RELEASED
                                + " WHERE id = ? AND status = 'processing' AND worker = ?",
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            Database.setInstant(ps, 2, now);
                            ps.setObject(3, id.value());
                            ps.setString(4, worker);
                        })
                == 1;
    }

    @Override
    public boolean arm(JobId id, String worker, String callbackSecretHash) {
        return db.update(
                        "UPDATE jobs SET callback_secret_hash = ?"
                                + " WHERE id = ? AND status = 'processing' AND worker = ?",
                        ps -> {
                            ps.setString(1, callbackSecretHash);
                            ps.setObject(2, id.value());
                            ps.setString(3, worker);
                        })
                == 1;
    }

    @Override
    public Optional<String> callbackSecretHash(JobId id) {
        return db.first(
                "SELECT callback_secret_hash FROM jobs WHERE id = ? AND callback_secret_hash IS NOT NULL",
                ps -> ps.setObject(1, id.value()),
                rs -> rs.getString(1));
    }

    @Override
    public int expireLeases(Instant now) {
        // A separation that ends in error so leaves the recording it was separating again in error
        // too; a render that does leaves its mix in error (its status is the job's).
        return db.writeReturning(
                        "WITH expired AS (UPDATE jobs SET status = CASE WHEN attempts >= max_attempts"
                                + " THEN 'error' ELSE 'queued' END,"
                                + " error = 'the worker stopped answering: its lease ran out', not_before = ?,"
                                + " stage = NULL, percent = NULL, updated_at = ?, "
                                + RELEASED
                                + " WHERE status = 'processing' AND lease_until < ?"
                                + " RETURNING profile_id, output_name, status, kind),"
                                + " marked AS (UPDATE recordings r SET status = 'error' FROM expired e"
                                + " WHERE e.status = 'error' AND e.kind = 'separate'"
                                + " AND r.profile_id = e.profile_id"
                                + " AND r.output_name = e.output_name RETURNING 1)"
                                + " SELECT (SELECT count(*) FROM expired)::int",
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            Database.setInstant(ps, 2, now);
                            Database.setInstant(ps, 3, now);
                        },
                        rs -> rs.getInt(1))
                .orElse(0);
    }

    @Override
    public List<Job> list(JobStatus status, ProfileName profile, Position after, int limit) {
        return db.list(
                SELECT
                        + " WHERE (?::text IS NULL OR j.status = ?::text)"
                        + " AND (?::text IS NULL OR p.name = ?::text)"
                        + " AND (?::timestamptz IS NULL OR (j.created_at, j.id) < (?::timestamptz, ?::uuid))"
                        + " ORDER BY j.created_at DESC, j.id DESC LIMIT ?",
                ps -> {
                    String s = status == null ? null : status.code();
                    String p = profile == null ? null : profile.value();
                    Instant at = after == null ? null : after.at();
                    ps.setString(1, s);
                    ps.setString(2, s);
                    ps.setString(3, p);
                    ps.setString(4, p);
                    Database.setInstant(ps, 5, at);
                    Database.setInstant(ps, 6, at);
                    ps.setObject(7, after == null ? null : after.id(), Types.OTHER);
                    ps.setInt(8, limit);
                },
                PostgresJobs::map);
    }

    @Override
    public boolean cancel(JobId id, Instant now) {
        return db.update(
                        "UPDATE jobs SET status = 'cancelled', error = 'cancelled by an admin',"
                                + " updated_at = ?, "
                                + RELEASED
                                + " WHERE id = ? AND status IN ('queued', 'processing')",
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            ps.setObject(2, id.value());
                        })
                == 1;
    }

    @Override
    public boolean retry(JobId id, Instant now) {
        return db.update(
                        "UPDATE jobs SET status = 'queued', attempts = 0, not_before = ?, error = NULL,"
                                + " stage = NULL, percent = NULL, stems = NULL, updated_at = ?"
                                + " WHERE id = ? AND status IN ('error', 'cancelled', 'complete')",
                        ps -> {
                            Database.setInstant(ps, 1, now);
                            Database.setInstant(ps, 2, now);
                            ps.setObject(3, id.value());
                        })
                == 1;
    }

    private static void setStems(PreparedStatement ps, int index, List<String> stems)
            throws SQLException {
        if (stems == null) {
            ps.setNull(index, Types.ARRAY);
        } else {
            ps.setArray(index, ps.getConnection().createArrayOf("text", stems.toArray()));
        }
    }

    private static Job map(ResultSet rs) throws SQLException {
        Array stems = rs.getArray("stems");
        int percent = rs.getInt("percent");
        boolean noPercent = rs.wasNull();
        UUID audioFile = Database.uuid(rs, "audio_file_id");
        UUID mix = Database.uuid(rs, "mix_id");
        return new Job(
                new JobId(Database.uuid(rs, "id")),
                JobKind.fromCode(rs.getString("kind")),
                new ProfileId(Database.uuid(rs, "profile_id")),
                new ProfileName(rs.getString("profile_name")),
                audioFile == null ? null : new AudioFileId(audioFile),
                mix == null ? null : new MixId(mix),
                new OutputName(rs.getString("output_name")),
                rs.getString("filename"),
                rs.getString("input_key"),
                JobStatus.fromCode(rs.getString("status")),
                rs.getInt("attempts"),
                rs.getInt("max_attempts"),
                Database.instant(rs, "not_before"),
                new Job.Lease(
                        Database.instant(rs, "lease_until"),
                        Database.instant(rs, "claimed_at"),
                        rs.getString("worker")),
                new Job.Progress(rs.getString("stage"), noPercent ? null : percent),
                rs.getString("error"),
                stems == null ? null : Arrays.asList((String[]) stems.getArray()),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "updated_at"));
    }
}
