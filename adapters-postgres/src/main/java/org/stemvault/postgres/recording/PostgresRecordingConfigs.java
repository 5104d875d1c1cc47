package org.stemvault.postgres.recording;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.stemvault.domain.recording.ConfigKey;
import org.stemvault.domain.recording.RecordingConfigs;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.user.UserId;
import org.stemvault.postgres.Database;

/**
 * Player settings in {@code recording_user_configs}, one JSONB value per user, recording and key.
 */
@Singleton
final class PostgresRecordingConfigs implements RecordingConfigs {

    private final Database db;

    PostgresRecordingConfigs(Database db) {
        this.db = db;
    }

    @Override
    public Map<ConfigKey, String> of(UserId user, RecordingId recording) {
        Map<ConfigKey, String> config = new EnumMap<>(ConfigKey.class);
        db.list(
                        "SELECT key, value::text AS value FROM recording_user_configs"
                                + " WHERE user_id = ? AND recording_id = ?",
                        ps -> {
                            ps.setObject(1, user.value());
                            ps.setObject(2, recording.value());
                        },
                        rs ->
                                Map.entry(
                                        ConfigKey.fromCode(rs.getString("key")),
                                        rs.getString("value")))
                .forEach(e -> config.put(e.getKey(), e.getValue()));
        return config;
    }

    @Override
    public void put(UserId user, RecordingId recording, ConfigKey key, String json, Instant now) {
        db.update(
                "INSERT INTO recording_user_configs (user_id, recording_id, key, value, updated_at)"
                        + " VALUES (?, ?, ?, ?::jsonb, ?) ON CONFLICT (user_id, recording_id, key)"
                        + " DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at",
                ps -> {
                    ps.setObject(1, user.value());
                    ps.setObject(2, recording.value());
                    ps.setString(3, key.code());
                    ps.setString(4, json);
                    Database.setInstant(ps, 5, now);
                });
    }
}
