package org.stemvault.postgres.mix;

import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.stemvault.domain.mix.SavedLevels;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/**
 * A member's saved stem levels, read out of the player's {@code stems} setting in {@code
 * recording_user_configs} by PostgreSQL's JSON functions: a value of the wrong type counts as not
 * saved.
 */
@Singleton
final class PostgresSavedLevels implements SavedLevels {

    private final Database db;

    PostgresSavedLevels(Database db) {
        this.db = db;
    }

    @Override
    public Map<String, Level> of(UserId user, RecordingId recording) {
        Map<String, Level> levels = new LinkedHashMap<>();
        db.list(
                        """
                        SELECT s.key AS stem,
                               CASE WHEN jsonb_typeof(s.value -> 'gain') = 'number'
                                         AND abs((s.value -> 'gain')::numeric) < 1000000
                                    THEN (s.value -> 'gain')::numeric::double precision END AS gain,
                               coalesce(s.value -> 'muted' = 'true'::jsonb, false) AS muted,
                               coalesce(s.value -> 'soloed' = 'true'::jsonb, false) AS soloed
                        FROM recording_user_configs c,
                             jsonb_each(CASE WHEN jsonb_typeof(c.value) = 'object' THEN c.value
                                             ELSE '{}'::jsonb END) s
                        WHERE c.user_id = ? AND c.recording_id = ? AND c.key = 'stems'
                          AND jsonb_typeof(s.value) = 'object'
                        """,
                        ps -> {
                            ps.setObject(1, user.value());
                            ps.setObject(2, recording.value());
                        },
                        rs ->
                                Map.entry(
                                        rs.getString("stem"),
                                        new Level(
                                                Database.nullableDouble(rs, "gain"),
                                                rs.getBoolean("muted"),
                                                rs.getBoolean("soloed"))))
                .forEach(e -> levels.put(e.getKey(), e.getValue()));
        return levels;
    }
}
