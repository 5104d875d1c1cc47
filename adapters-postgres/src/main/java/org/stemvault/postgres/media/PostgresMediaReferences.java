package org.stemvault.postgres.media;

import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Set;
import org.stemvault.domain.media.MediaKey;
import org.stemvault.domain.media.MediaReferences;
import org.stemvault.postgres.Database;

/** Every media key the tables refer to, in one statement. */
@Singleton
final class PostgresMediaReferences implements MediaReferences {

    private static final String REFERENCED =
            """
            SELECT p.name || '/' || r.output_name || '/' || f.file AS key
            FROM stems s JOIN recordings r ON r.id = s.recording_id JOIN profiles p ON p.id = r.profile_id,
                 LATERAL (VALUES (s.audio_url), (s.waveform_url)) f(file)
            UNION SELECT input_key FROM jobs
            UNION SELECT storage_url FROM audio_files WHERE storage_url LIKE 'inputs/%'
            """;

    private final Database db;

    PostgresMediaReferences(Database db) {
        this.db = db;
    }

    @Override
    public Set<MediaKey> referenced() {
        return new HashSet<>(
                db.list(REFERENCED, ps -> {}, rs -> new MediaKey(rs.getString("key"))));
    }
}
