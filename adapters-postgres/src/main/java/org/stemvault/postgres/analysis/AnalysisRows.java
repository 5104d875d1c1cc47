package org.stemvault.postgres.analysis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.stemvault.domain.analysis.Analysis;
import org.stemvault.domain.analysis.MusicalKey;
import org.stemvault.postgres.Database;

/**
 * The measures of a {@code recording_analyses} row, for every read that carries them (a recording's
 * analysis, the takes of a song): {@code tempo_bpm, musical_key, stability, window_seconds,
 * tempo_curve, window_keys}.
 */
public final class AnalysisRows {

    private AnalysisRows() {}

    /** The row's measures; null when the row has none (an outer join, not analysed). */
    public static Analysis.Summary summary(ResultSet rs) throws SQLException {
        Object window = rs.getObject("window_seconds");
        if (window == null) {
            return null;
        }
        List<Double> curve = new ArrayList<>();
        for (Object v : (Object[]) rs.getArray("tempo_curve").getArray()) {
            curve.add(v == null ? null : ((Number) v).doubleValue());
        }
        List<MusicalKey> keys = new ArrayList<>();
        for (Object v : (Object[]) rs.getArray("window_keys").getArray()) {
            keys.add(v == null ? null : MusicalKey.parse("window_keys", (String) v));
        }
        String key = rs.getString("musical_key");
        Object stability = rs.getObject("stability");
        return new Analysis.Summary(
                Database.nullableDouble(rs, "tempo_bpm"),
                key == null ? null : MusicalKey.parse("key", key),
                stability == null ? null : ((Number) stability).doubleValue(),
                ((Number) window).doubleValue(),
                curve,
                keys);
    }
}
