package org.stemvault.postgres.recording;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.stemvault.domain.label.LabelId;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.Recording;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.RecordingStatus;
import org.stemvault.domain.recording.Recordings;
import org.stemvault.domain.recording.Stem;
import org.stemvault.postgres.Database;
import org.stemvault.postgres.MediaGrants;

/**
 * Recordings and their stems in {@code recordings} and {@code stems}; every call is one SQL
 * statement.
 */
@Singleton
final class PostgresRecordings implements Recordings {

    /**
     * Creates or replaces a recording with all its stems in one statement: the recording row is
     * upserted by (profile, output name), stems it no longer has are deleted (with their
     * embeddings), the others upserted by type, so an unchanged stem keeps its id and embeddings.
     * updated_at moves only when the row's content does.
     */
    private static final String SAVE =
            """
            WITH saved AS (
                INSERT INTO recordings (id, profile_id, audio_file_id, output_name, display_name, description,
                                        created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (profile_id, output_name) DO UPDATE SET
                    audio_file_id = EXCLUDED.audio_file_id,
                    display_name = EXCLUDED.display_name,
                    description = EXCLUDED.description,
                    updated_at = CASE
                        WHEN (recordings.audio_file_id, recordings.display_name, recordings.description)
                             IS DISTINCT FROM (EXCLUDED.audio_file_id, EXCLUDED.display_name, EXCLUDED.description)
                        THEN EXCLUDED.updated_at ELSE recordings.updated_at END
                RETURNING id, created_at, updated_at, location_id, date_recorded, status, audio_file_id,
                          tempo_bpm, musical_key, stability
            ), incoming AS (
                SELECT * FROM unnest(?::text[], ?::float8[], ?::float8[], ?::float8[], ?::text[], ?::text[],
                                     ?::int8[], ?::float8[])
                    WITH ORDINALITY AS t(stem_type, measured_lufs, peak_amplitude, gain, audio_url, waveform_url,
                                         file_size_bytes, duration_seconds, position)
            ), dropped AS (
                DELETE FROM stems USING saved
                WHERE stems.recording_id = saved.id
                  AND stems.stem_type NOT IN (SELECT stem_type FROM incoming)
            ), upserted AS (
                INSERT INTO stems (id, recording_id, stem_type, measured_lufs, peak_amplitude, stem_gain_adjustment_db,
                                   audio_url, waveform_url, file_size_bytes, duration_seconds, position)
                SELECT gen_random_uuid(), saved.id, i.stem_type, i.measured_lufs, i.peak_amplitude, i.gain,
                       i.audio_url, i.waveform_url, i.file_size_bytes, i.duration_seconds, i.position::int
                FROM saved, incoming i
                ON CONFLICT (recording_id, stem_type) DO UPDATE SET
                    measured_lufs = EXCLUDED.measured_lufs,
                    peak_amplitude = EXCLUDED.peak_amplitude,
                    stem_gain_adjustment_db = EXCLUDED.stem_gain_adjustment_db,
                    audio_url = EXCLUDED.audio_url,
                    waveform_url = EXCLUDED.waveform_url,
                    file_size_bytes = EXCLUDED.file_size_bytes,
                    duration_seconds = EXCLUDED.duration_seconds,
                    position = EXCLUDED.position
            )
            SELECT id, created_at, updated_at, location_id, date_recorded, status,
                   (SELECT l.name FROM locations l WHERE l.id = saved.location_id) AS location_name,
                   CASE WHEN saved.status = 'error' THEN (SELECT coalesce(j.error, j.status) FROM jobs j
                       WHERE j.audio_file_id = saved.audio_file_id) END AS error_message,
                   tempo_bpm AS measured_bpm, musical_key AS measured_key, stability AS measured_stability
            FROM saved
            """;

    private static final String SELECT =
            "SELECT "
                    + RecordingRows.COLUMNS
                    + " FROM recordings r LEFT JOIN stems s ON s.recording_id = r.id";

    private final Database db;
    private final MediaGrants grants;

    PostgresRecordings(Database db, MediaGrants grants) {
        this.db = db;
        this.grants = grants;
    }

    @Override
    public Recording save(Recording recording) {
        return db.write(
                c -> {
                    try (PreparedStatement ps = c.prepareStatement(SAVE)) {
                        bind(c, ps, recording);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return new Recording(
                                    new RecordingId(Database.uuid(rs, "id")),
                                    recording.profile(),
                                    recording.outputName(),
                                    recording.displayName(),
                                    recording.description(),
                                    recording.audioFile(),
                                    Database.instant(rs, "created_at"),
                                    Database.instant(rs, "updated_at"),
                                    recording.stems(),
                                    RecordingRows.details(rs),
                                    RecordingRows.measures(rs));
                        }
                    }
                });
    }

    @Override
    public boolean setDetails(
            RecordingId id, LabelId location, LocalDate dateRecorded, Instant now) {
        return db.update(
                        "UPDATE recordings SET location_id = ?, date_recorded = ?, updated_at = ?"
                                + " WHERE id = ?",
                        ps -> {
                            ps.setObject(
                                    1, location == null ? null : location.value(), Types.OTHER);
                            ps.setObject(2, dateRecorded, Types.DATE);
                            Database.setInstant(ps, 3, now);
                            ps.setObject(4, id.value());
                        })
                == 1;
    }

    @Override
    public boolean setStatus(RecordingId id, RecordingStatus status) {
        return db.update(
                        "UPDATE recordings SET status = ? WHERE id = ?",
                        ps -> {
                            ps.setString(1, status.code());
                            ps.setObject(2, id.value());
                        })
                == 1;
    }

    private static void bind(Connection c, PreparedStatement ps, Recording r) throws SQLException {
        ps.setObject(1, r.id().value());
        ps.setObject(2, r.profile().value());
        if (r.audioFile() == null) {
            ps.setNull(3, Types.OTHER);
        } else {
            ps.setObject(3, r.audioFile().value());
        }
        ps.setString(4, r.outputName().value());
        ps.setString(5, r.displayName());
        ps.setString(6, r.description());
        Database.setInstant(ps, 7, r.createdAt());
        Database.setInstant(ps, 8, r.updatedAt());
        List<Stem> stems = r.stems();
        int n = stems.size();
        String[] types = new String[n];
        Double[] lufs = new Double[n];
        Double[] peaks = new Double[n];
        Double[] gains = new Double[n];
        String[] audio = new String[n];
        String[] waveforms = new String[n];
        Long[] sizes = new Long[n];
        Double[] durations = new Double[n];
        for (int i = 0; i < n; i++) {
            Stem s = stems.get(i);
            types[i] = s.type().value();
            lufs[i] = s.measuredLufs();
            peaks[i] = s.peakAmplitude();
            gains[i] = s.gainAdjustmentDb();
            audio[i] = s.audio().value();
            waveforms[i] = s.waveform().value();
            sizes[i] = s.fileSizeBytes();
            durations[i] = s.durationSeconds();
        }
        ps.setArray(9, c.createArrayOf("text", types));
        ps.setArray(10, c.createArrayOf("float8", lufs));
        ps.setArray(11, c.createArrayOf("float8", peaks));
        ps.setArray(12, c.createArrayOf("float8", gains));
        ps.setArray(13, c.createArrayOf("text", audio));
        ps.setArray(14, c.createArrayOf("text", waveforms));
        ps.setArray(15, c.createArrayOf("int8", sizes));
        ps.setArray(16, c.createArrayOf("float8", durations));
    }

    @Override
    public Optional<Recording> byOutputName(ProfileId profile, OutputName outputName) {
        return db.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    SELECT
                                            + " WHERE r.profile_id = ? AND r.output_name = ?"
                                            + RecordingRows.ORDER)) {
                        ps.setObject(1, profile.value());
                        ps.setString(2, outputName.value());
                        return RecordingRows.fold(ps).stream().findFirst();
                    }
                });
    }

    @Override
    public Optional<Recording> byId(RecordingId id) {
        return db.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(SELECT + " WHERE r.id = ?" + RecordingRows.ORDER)) {
                        ps.setObject(1, id.value());
                        return RecordingRows.fold(ps).stream().findFirst();
                    }
                });
    }

    @Override
    public List<Recording> allOf(ProfileId profile) {
        return db.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    SELECT + " WHERE r.profile_id = ?" + RecordingRows.ORDER)) {
                        ps.setObject(1, profile.value());
                        return RecordingRows.fold(ps);
                    }
                });
    }

    @Override
    public List<RecordingId> ids() {
        return db.list(
                "SELECT id FROM recordings ORDER BY created_at, id",
                ps -> {},
                rs -> new RecordingId(Database.uuid(rs, "id")));
    }

    @Override
    public int countOf(ProfileId profile) {
        return db.first(
                        "SELECT count(*) FROM recordings WHERE profile_id = ?",
                        ps -> ps.setObject(1, profile.value()),
                        rs -> rs.getInt(1))
                .orElse(0);
    }

    @Override
    public int deleteAllOf(ProfileId profile) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                "DELETE FROM recordings WHERE profile_id = ?",
                ps -> ps.setObject(1, profile.value()));
    }

    @Override
    public boolean delete(ProfileId profile, OutputName outputName) {
        grants.forget(); // takes away media grants: see MediaGrants
        return db.update(
                        "DELETE FROM recordings WHERE profile_id = ? AND output_name = ?",
                        ps -> {
                            ps.setObject(1, profile.value());
                            ps.setString(2, outputName.value());
                        })
                == 1;
    }
}
