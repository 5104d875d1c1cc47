package org.stemvault.postgres.audio;

import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.stemvault.domain.audio.AudioFile;
import org.stemvault.domain.audio.AudioFileId;
import org.stemvault.domain.audio.AudioFiles;
import org.stemvault.domain.audio.Sha256;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.postgres.Database;

/** Source audio files in the {@code audio_files} table, unique by {@code file_hash}. */
@Singleton
final class PostgresAudioFiles implements AudioFiles {

    private static final String COLUMNS =
            "id, profile_id, file_hash, filename, storage_url, file_size_bytes, duration_seconds, created_at";

    private final Database db;

    PostgresAudioFiles(Database db) {
        this.db = db;
    }

    @Override
    public Optional<AudioFile> bySha256(Sha256 sha256) {
        return db.first(
                "SELECT " + COLUMNS + " FROM audio_files WHERE file_hash = ?",
                ps -> ps.setString(1, sha256.value()),
                PostgresAudioFiles::map);
    }

    @Override
    public Optional<AudioFile> byId(AudioFileId id) {
        return db.first(
                "SELECT " + COLUMNS + " FROM audio_files WHERE id = ?",
                ps -> ps.setObject(1, id.value()),
                PostgresAudioFiles::map);
    }

    @Override
    public AudioFile registerIfAbsent(AudioFile candidate) {
        // The no-op update returns the earlier registration in the same statement when the hash is
        // taken.
        String sql =
                "INSERT INTO audio_files ("
                        + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (file_hash) DO UPDATE SET file_hash = audio_files.file_hash RETURNING "
                        + COLUMNS;
        return db.writeReturning(
                        sql,
                        ps -> {
                            ps.setObject(1, candidate.id().value());
                            ps.setObject(2, candidate.profile().value());
                            ps.setString(3, candidate.sha256().value());
                            ps.setString(4, candidate.filename());
                            ps.setString(5, candidate.storageUrl());
                            ps.setObject(6, candidate.fileSizeBytes(), Types.BIGINT);
                            ps.setObject(7, candidate.durationSeconds(), Types.DOUBLE);
                            Database.setInstant(ps, 8, candidate.createdAt());
                        },
                        PostgresAudioFiles::map)
                .orElseThrow();
    }

    @Override
    public int deleteAllOf(ProfileId profile) {
        return db.update(
                "DELETE FROM audio_files WHERE profile_id = ?",
                ps -> ps.setObject(1, profile.value()));
    }

    @Override
    public boolean delete(AudioFileId id) {
        // its job goes with it (jobs.audio_file_id ON DELETE CASCADE)
        return db.update("DELETE FROM audio_files WHERE id = ?", ps -> ps.setObject(1, id.value()))
                == 1;
    }

    private static AudioFile map(ResultSet rs) throws SQLException {
        return new AudioFile(
                new AudioFileId(Database.uuid(rs, "id")),
                new ProfileId(Database.uuid(rs, "profile_id")),
                new Sha256(rs.getString("file_hash")),
                rs.getString("filename"),
                rs.getString("storage_url"),
                (Long) rs.getObject("file_size_bytes"),
                Database.nullableDouble(rs, "duration_seconds"),
                Database.instant(rs, "created_at"));
    }
}
