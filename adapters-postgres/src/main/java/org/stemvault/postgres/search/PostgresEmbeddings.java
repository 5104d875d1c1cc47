package org.stemvault.postgres.search;

import com.pgvector.PGvector;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import org.stemvault.domain.recording.RecordingId;
import org.stemvault.domain.recording.StemType;
import org.stemvault.domain.search.Embedding;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.domain.search.Embeddings;
import org.stemvault.domain.search.Vector;
import org.stemvault.postgres.Database;

/**
 * Embeddings in the {@code embeddings} table, as pgvector values; one row per recording (or stem)
 * and space. A vector is always written to the full-precision column: the table's trigger (V25)
 * puts it where its space keeps it ({@link SpaceStorage}); an upsert's {@code EXCLUDED} row has
 * passed that trigger already, so an update takes both columns from it.
 */
@Singleton
final class PostgresEmbeddings implements Embeddings {

    private static final String TARGET =
            "recording_id = ? AND stem_type IS NOT DISTINCT FROM ? AND space = ?";

    private final Database db;

    PostgresEmbeddings(Database db) {
        this.db = db;
    }

    @Override
    public void put(Embedding e) {
        db.update(
                """
                INSERT INTO embeddings (id, recording_id, stem_type, space, dimensions, embedding, source, updated_at)
                VALUES (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (recording_id, (coalesce(stem_type, '')), space) DO UPDATE SET
                    dimensions = EXCLUDED.dimensions,
                    embedding = EXCLUDED.embedding,
                    embedding_half = EXCLUDED.embedding_half,
                    source = EXCLUDED.source,
                    updated_at = EXCLUDED.updated_at
                """,
                ps -> {
                    ps.setObject(1, e.recording().value());
                    ps.setString(2, e.stem() == null ? null : e.stem().value());
                    ps.setString(3, e.space().name());
                    ps.setInt(4, e.vector().dimensions());
                    ps.setObject(5, new PGvector(e.vector().toArray()));
                    ps.setString(6, e.source());
                    Database.setInstant(ps, 7, e.updatedAt());
                });
    }

    @Override
    public Optional<Embedding> find(RecordingId recording, StemType stem, EmbeddingSpace space) {
        return db.first(
                "SELECT coalesce(embedding, embedding_half::vector)::text AS embedding, source, updated_at"
                        + " FROM embeddings WHERE "
                        + TARGET,
                ps -> bindTarget(ps, recording, stem, space),
                rs ->
                        new Embedding(
                                recording,
                                stem,
                                space,
                                Vector.of(new PGvector(rs.getString("embedding")).toArray()),
                                rs.getString("source"),
                                Database.instant(rs, "updated_at")));
    }

    private static void bindTarget(
            PreparedStatement ps, RecordingId recording, StemType stem, EmbeddingSpace space)
            throws SQLException {
        ps.setObject(1, recording.value());
        ps.setString(2, stem == null ? null : stem.value());
        ps.setString(3, space.name());
    }
}
