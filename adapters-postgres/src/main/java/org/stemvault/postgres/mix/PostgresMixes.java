package org.stemvault.postgres.mix;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.stemvault.domain.job.JobId;
import org.stemvault.domain.job.JobStatus;
import org.stemvault.domain.library.Viewer;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.mix.Mix;
import org.stemvault.domain.mix.MixFormat;
import org.stemvault.domain.mix.MixId;
import org.stemvault.domain.mix.MixSpec;
import org.stemvault.domain.mix.Mixes;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.Visibility;

/** Take-away mixes in {@code mixes}, each read with its render job's status; one statement each. */
@Singleton
final class PostgresMixes implements Mixes {

    private static final String COLUMNS =
            "m.id, m.profile_id, m.recording_id, m.made_by, m.content_key, m.stem_names,"
                    + " m.stem_files, m.stem_sizes, m.stem_gains_db, m.start_seconds, m.end_seconds,"
                    + " m.tempo, m.semitones, m.format, m.loudness_target, m.file_name, m.media_key,"
                    + " m.duration_seconds, m.size_bytes, m.loudness_lufs, m.created_at,"
                    + " m.fetched_at, m.bundle, j.id AS job_id, j.status AS job_status";

    private static final String SELECT =
            "SELECT " + COLUMNS + " FROM mixes m JOIN jobs j ON j.mix_id = m.id";

    /** Deletes the mixes in {@code doomed} and queues each one's folder, in one statement. */
    private static final String DELETE_QUEUING =
            " deleted AS (DELETE FROM mixes m USING doomed d WHERE m.id = d.id RETURNING m.media_key),"
                    + " queued AS (INSERT INTO media_deletions (id, folder, requested_at, not_before)"
                    + " SELECT gen_random_uuid(), regexp_replace(media_key, '/[^/]+$', ''), ?, ?"
                    + " FROM deleted RETURNING 1)"
                    + " SELECT count(*)::int FROM deleted";

    private final Database db;
    private final Visibility visibility;

    PostgresMixes(Database db, Visibility visibility) {
        this.db = db;
        this.visibility = visibility;
    }

    @Override
    public void create(Mix mix) {
        MixSpec spec = mix.spec();
        db.update(
                """
                INSERT INTO mixes (id, profile_id, recording_id, made_by, content_key, stem_names, stem_files,
                                   stem_sizes, stem_gains_db, start_seconds, end_seconds, tempo, semitones,
                                   format, loudness_target, file_name, media_key, created_at, fetched_at,
                                   bundle)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                ps -> {
                    ps.setObject(1, mix.id().value());
                    ps.setObject(2, mix.profile().value());
                    ps.setObject(3, mix.recording().value());
                    ps.setObject(
                            4, mix.madeBy() == null ? null : mix.madeBy().value(), Types.OTHER);
                    ps.setString(5, mix.contentKey());
                    List<MixSpec.Part> parts = spec.stems();
                    ps.setArray(6, array(ps, "text", parts.stream().map(MixSpec.Part::stem)));
                    ps.setArray(7, array(ps, "text", parts.stream().map(MixSpec.Part::file)));
                    ps.setArray(
                            8, array(ps, "bigint", parts.stream().map(MixSpec.Part::sizeBytes)));
                    ps.setArray(9, array(ps, "float8", parts.stream().map(MixSpec.Part::gainDb)));
                    ps.setObject(10, spec.start(), Types.DOUBLE);
                    ps.setObject(11, spec.end(), Types.DOUBLE);
                    ps.setDouble(12, spec.tempo());
                    ps.setInt(13, spec.semitones());
                    ps.setString(14, spec.format().code());
                    ps.setObject(15, spec.loudnessLufs(), Types.DOUBLE);
                    ps.setString(16, mix.fileName());
                    ps.setString(17, mix.mediaKey().value());
                    Database.setInstant(ps, 18, mix.createdAt());
                    Database.setInstant(ps, 19, mix.fetchedAt());
                    ps.setBoolean(20, spec.bundle());
                });
    }

    @Override
    public Optional<Mix> byId(MixId id) {
        return db.first(
                SELECT + " WHERE m.id = ?", ps -> ps.setObject(1, id.value()), PostgresMixes::map);
    }

    @Override
    public Optional<Mix> byContentKey(String contentKey) {
        return db.first(
                SELECT + " WHERE m.content_key = ?",
                ps -> ps.setString(1, contentKey),
                PostgresMixes::map);
    }

    @Override
    public Optional<Mix> visible(Viewer viewer, MixId id) {
        return db.first(
                Visibility.with(
                        " SELECT "
                                + COLUMNS
                                + " FROM mixes m JOIN jobs j ON j.mix_id = m.id"
                                + " JOIN visible p ON p.id = m.profile_id WHERE m.id = ?"),
                ps -> ps.setObject(visibility.bind(ps, viewer), id.value()),
                PostgresMixes::map);
    }

    @Override
    public boolean rendered(MixId id, Mix.Rendered rendered) {
        return db.update(
                        "UPDATE mixes SET duration_seconds = ?, size_bytes = ?, loudness_lufs = ?"
                                + " WHERE id = ?",
                        ps -> {
                            ps.setObject(1, rendered.durationSeconds(), Types.DOUBLE);
                            ps.setObject(2, rendered.sizeBytes(), Types.BIGINT);
                            ps.setObject(3, rendered.loudnessLufs(), Types.DOUBLE);
                            ps.setObject(4, id.value());
                        })
                == 1;
    }

    @Override
    public void fetched(MixId id, Instant now) {
        db.update(
                "UPDATE mixes SET fetched_at = ? WHERE id = ? AND fetched_at < ?",
                ps -> {
                    Database.setInstant(ps, 1, now);
                    ps.setObject(2, id.value());
                    Database.setInstant(ps, 3, now);
                });
    }

    @Override
    public boolean delete(MixId id, Instant now) {
        return db.writeReturning(
                                "WITH doomed AS (SELECT id FROM mixes WHERE id = ?),"
                                        + DELETE_QUEUING,
                                ps -> {
                                    ps.setObject(1, id.value());
                                    Database.setInstant(ps, 2, now);
                                    Database.setInstant(ps, 3, now);
                                },
                                rs -> rs.getInt(1))
                        .orElse(0)
                == 1;
    }

    @Override
    public int expire(Instant before, Instant now) {
        return db.writeReturning(
                        "WITH doomed AS (SELECT m.id FROM mixes m JOIN jobs j ON j.mix_id = m.id"
                                + " WHERE m.fetched_at < ? AND j.status <> 'processing'),"
                                + DELETE_QUEUING,
                        ps -> {
                            Database.setInstant(ps, 1, before);
                            Database.setInstant(ps, 2, now);
                            Database.setInstant(ps, 3, now);
                        },
                        rs -> rs.getInt(1))
                .orElse(0);
    }

    private static Array array(PreparedStatement ps, String type, Stream<?> values)
            throws SQLException {
        return ps.getConnection().createArrayOf(type, values.toArray());
    }

    private static Mix map(ResultSet rs) throws SQLException {
        String[] names = (String[]) rs.getArray("stem_names").getArray();
        String[] files = (String[]) rs.getArray("stem_files").getArray();
        Long[] sizes = (Long[]) rs.getArray("stem_sizes").getArray();
        Double[] gains = (Double[]) rs.getArray("stem_gains_db").getArray();
        List<MixSpec.Part> parts = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            parts.add(new MixSpec.Part(names[i], files[i], sizes[i], gains[i]));
        }
        int semitones = rs.getInt("semitones");
        UUID madeBy = Database.uuid(rs, "made_by");
        long size = rs.getLong("size_bytes");
        Long sizeBytes = rs.wasNull() ? null : size;
        return new Mix(
                new MixId(Database.uuid(rs, "id")),
                new ProfileId(Database.uuid(rs, "profile_id")),
                new RecordingId(Database.uuid(rs, "recording_id")),
                madeBy == null ? null : new UserId(madeBy),
                rs.getString("content_key"),
                new MixSpec(
                        parts,
                        Database.nullableDouble(rs, "start_seconds"),
                        Database.nullableDouble(rs, "end_seconds"),
                        rs.getDouble("tempo"),
                        semitones,
                        MixFormat.fromCode(rs.getString("format")),
                        Database.nullableDouble(rs, "loudness_target"),
                        rs.getBoolean("bundle")),
                rs.getString("file_name"),
                new MediaKey(rs.getString("media_key")),
                new JobId(Database.uuid(rs, "job_id")),
                JobStatus.fromCode(rs.getString("job_status")),
                new Mix.Rendered(
                        Database.nullableDouble(rs, "duration_seconds"),
                        sizeBytes,
                        Database.nullableDouble(rs, "loudness_lufs")),
                Database.instant(rs, "created_at"),
                Database.instant(rs, "fetched_at"));
    }
}
