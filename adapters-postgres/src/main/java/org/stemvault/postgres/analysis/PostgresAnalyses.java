package org.stemvault.postgres.analysis;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.stemvault.domain.analysis.Analyses;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;

/** Analyses in {@code recording_analyses}: the beat grid as arrays of seconds, one row each. */
@Singleton
final class PostgresAnalyses implements Analyses {

    private static final String COLUMNS =
            "tempo_bpm, tempo_confidence, musical_key, key_confidence, stability, beats,"
                    + " downbeats, window_seconds, tempo_curve, window_keys, tool, analyzed_at";

    private final Database db;

    PostgresAnalyses(Database db) {
        this.db = db;
    }

    @Override
    public void save(RecordingId recording, Analysis a) {
        db.update(
                "INSERT INTO recording_analyses (recording_id, "
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (recording_id) DO UPDATE SET tempo_bpm = excluded.tempo_bpm,"
                        + " tempo_confidence = excluded.tempo_confidence,"
                        + " musical_key = excluded.musical_key,"
                        + " key_confidence = excluded.key_confidence, stability = excluded.stability,"
                        + " beats = excluded.beats, downbeats = excluded.downbeats,"
                        + " window_seconds = excluded.window_seconds,"
                        + " tempo_curve = excluded.tempo_curve, window_keys = excluded.window_keys,"
                        + " tool = excluded.tool, analyzed_at = excluded.analyzed_at",
                ps -> {
                    Connection c = ps.getConnection();
                    ps.setObject(1, recording.value());
                    ps.setObject(2, a.tempoBpm(), java.sql.Types.DOUBLE);
                    ps.setFloat(3, (float) a.tempoConfidence());
                    ps.setString(4, a.key() == null ? null : a.key().toString());
                    ps.setFloat(5, (float) a.keyConfidence());
                    ps.setObject(
                            6,
                            a.stability() == null ? null : a.stability().floatValue(),
                            java.sql.Types.REAL);
                    ps.setArray(7, reals(c, a.beats()));
                    ps.setArray(8, reals(c, a.downbeats()));
                    ps.setFloat(9, (float) a.windowSeconds());
                    ps.setArray(
                            10,
                            c.createArrayOf(
                                    "real",
                                    a.tempoCurve().stream()
                                            .map(t -> t == null ? null : t.floatValue())
                                            .toArray()));
                    ps.setArray(
                            11,
                            c.createArrayOf(
                                    "text",
                                    a.windowKeys().stream()
                                            .map(k -> k == null ? null : k.toString())
                                            .toArray()));
                    ps.setString(12, a.tool());
                    Database.setInstant(ps, 13, a.analyzedAt());
                });
    }

    @Override
    public Optional<Analysis> of(RecordingId recording) {
        return db.first(
                "SELECT " + COLUMNS + " FROM recording_analyses WHERE recording_id = ?",
                ps -> ps.setObject(1, recording.value()),
                PostgresAnalyses::map);
    }

    @Override
    public int queueMissing(int maxAttempts, Instant now) {
        return db.update(
                "INSERT INTO jobs (id, profile_id, output_name, filename, status, attempts,"
                        + " max_attempts, not_before, created_at, updated_at, kind)"
                        + " SELECT gen_random_uuid(), r.profile_id, r.output_name, r.output_name,"
                        + " 'queued', 0, ?, ?, ?, ?, 'analyze' FROM recordings r"
                        + " WHERE EXISTS (SELECT 1 FROM stems s WHERE s.recording_id = r.id)"
                        + " AND NOT EXISTS (SELECT 1 FROM recording_analyses a"
                        + " WHERE a.recording_id = r.id)"
                        + " ON CONFLICT DO NOTHING",
                ps -> {
                    ps.setInt(1, maxAttempts);
                    Database.setInstant(ps, 2, now);
                    Database.setInstant(ps, 3, now);
                    Database.setInstant(ps, 4, now);
                });
    }

    private static Array reals(Connection c, double[] values) throws SQLException {
        Float[] floats = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return c.createArrayOf("real", floats);
    }

    private static Analysis map(ResultSet rs) throws SQLException {
        Analysis.Summary m = AnalysisRows.summary(rs);
        return new Analysis(
                m.tempoBpm(),
                rs.getFloat("tempo_confidence"),
                m.key(),
                rs.getFloat("key_confidence"),
                m.stability(),
                doubles(rs.getArray("beats")),
                doubles(rs.getArray("downbeats")),
                m.windowSeconds(),
                m.tempoCurve(),
                m.windowKeys(),
                rs.getString("tool"),
                Database.instant(rs, "analyzed_at"));
    }

    private static double[] doubles(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).doubleValue();
        }
        return out;
    }
}
