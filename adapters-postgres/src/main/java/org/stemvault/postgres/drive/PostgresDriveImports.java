package org.stemvault.postgres.drive;

import jakarta.inject.Singleton;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.stemvault.domain.drive.DriveImport;
import org.stemvault.domain.drive.DriveImports;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.recording.OutputName;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.postgres.Database;

/**
 * Drive imports in {@code drive_imports}: a claim is one statement (an insert, or the take-over of
 * a failed or stale claim), so two instances never import the same file.
 */
@Singleton
final class PostgresDriveImports implements DriveImports {

    private final Database db;

    PostgresDriveImports(Database db) {
        this.db = db;
    }

    @Override
    public boolean claim(DriveImport file, Instant now, Duration stale) {
        return db.update(
                        "INSERT INTO drive_imports (profile_id, file_id, modified_time, name,"
                                + " outcome, claimed_at) VALUES (?, ?, ?, ?, 'importing', ?)"
                                + " ON CONFLICT (profile_id, file_id, modified_time) DO UPDATE"
                                + " SET outcome = 'importing', claimed_at = excluded.claimed_at,"
                                + " name = excluded.name, detail = NULL, finished_at = NULL"
                                + " WHERE drive_imports.outcome = 'failed'"
                                + " OR (drive_imports.outcome = 'importing'"
                                + " AND drive_imports.claimed_at < ?)",
                        ps -> {
                            ps.setObject(1, file.profile().value());
                            ps.setString(2, file.fileId());
                            Database.setInstant(ps, 3, file.modifiedTime());
                            ps.setString(4, file.name());
                            Database.setInstant(ps, 5, now);
                            Database.setInstant(ps, 6, now.minus(stale));
                        })
                == 1;
    }

    @Override
    public void finish(
            DriveImport file, DriveImport.Outcome outcome, RecordingId recording, String detail) {
        db.update(
                "UPDATE drive_imports SET outcome = ?, recording_id = ?, detail = ?,"
                        + " finished_at = now()"
                        + " WHERE profile_id = ? AND file_id = ? AND modified_time = ?",
                ps -> {
                    ps.setString(1, outcome.code());
                    ps.setObject(2, recording == null ? null : recording.value(), Types.OTHER);
                    ps.setString(
                            3,
                            detail == null || detail.length() <= 500
                                    ? detail
                                    : detail.substring(0, 500));
                    ps.setObject(4, file.profile().value());
                    ps.setString(5, file.fileId());
                    Database.setInstant(ps, 6, file.modifiedTime());
                });
    }

    @Override
    public Optional<Imported> imported(ProfileId profile, String fileId, Instant modifiedTime) {
        return db.first(
                "SELECT r.id, r.output_name FROM drive_imports i"
                        + " JOIN recordings r ON r.id = i.recording_id"
                        + " WHERE i.profile_id = ? AND i.file_id = ? AND i.modified_time = ?"
                        + " AND i.outcome IN ('imported', 'duplicate')",
                ps -> {
                    ps.setObject(1, profile.value());
                    ps.setString(2, fileId);
                    Database.setInstant(ps, 3, modifiedTime);
                },
                rs ->
                        new Imported(
                                new RecordingId(Database.uuid(rs, "id")),
                                new OutputName(rs.getString("output_name"))));
    }

    @Override
    public Map<String, OutputName> recordings(ProfileId profile, Collection<String> fileIds) {
        Map<String, OutputName> found = new LinkedHashMap<>();
        if (fileIds.isEmpty()) {
            return found;
        }
        db.list(
                        "SELECT DISTINCT ON (i.file_id) i.file_id, r.output_name"
                                + " FROM drive_imports i JOIN recordings r ON r.id = i.recording_id"
                                + " WHERE i.profile_id = ? AND i.file_id = ANY (?)"
                                + " AND i.outcome IN ('imported', 'duplicate')"
                                + " ORDER BY i.file_id, i.modified_time DESC",
                        ps -> {
                            ps.setObject(1, profile.value());
                            ps.setArray(
                                    2,
                                    ps.getConnection()
                                            .createArrayOf("text", fileIds.toArray(String[]::new)));
                        },
                        rs ->
                                Map.entry(
                                        rs.getString("file_id"),
                                        new OutputName(rs.getString("output_name"))))
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }
}
