package org.stemvault.postgres.search;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.stemvault.domain.profile.ProfileId;
import org.stemvault.domain.search.EmbeddingSpace;
import org.stemvault.postgres.TestDatabase;

/**
 * Seeded random vectors for the search tests: drawing them, comparing them exactly, and loading
 * them in bulk.
 */
final class RandomVectors {

    private RandomVectors() {}

    static float[] gaussian(Random random, int dimensions) {
        float[] v = new float[dimensions];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    /**
     * {@code count} recordings of the profile ({@code take-<first>} onwards), each with a
     * recording-level vector drawn from {@code random} in the space, in one transaction; answers
     * the vectors by recording id.
     */
    static Map<UUID, float[]> insert(
            ProfileId profile, EmbeddingSpace space, int count, Random random, int first)
            throws SQLException {
        return insert(profile, space, count, () -> gaussian(random, space.dimensions()), first);
    }

    /**
     * Vectors near a low-dimensional subspace, as real embeddings are: {@code W z} plus noise, z a
     * standard normal point in {@code intrinsic} dimensions, W a fixed random matrix, the noise a
     * tenth of the signal's spread (as bench/vector-search.sh draws them).
     */
    static java.util.function.Supplier<float[]> lowRank(
            Random random, int dimensions, int intrinsic) {
        float[][] w = new float[dimensions][];
        for (int i = 0; i < dimensions; i++) {
            w[i] = gaussian(random, intrinsic);
        }
        double sigma = 0.1 * Math.sqrt(intrinsic);
        return () -> {
            float[] z = gaussian(random, intrinsic);
            float[] v = new float[dimensions];
            for (int i = 0; i < dimensions; i++) {
                double x = 0;
                for (int k = 0; k < intrinsic; k++) {
                    x += w[i][k] * z[k];
                }
                v[i] = (float) (x + sigma * random.nextGaussian());
            }
            return v;
        };
    }

    /**
     * As {@link #insert(ProfileId, EmbeddingSpace, int, Random, int)}, drawing from {@code draw}.
     */
    static Map<UUID, float[]> insert(
            ProfileId profile,
            EmbeddingSpace space,
            int count,
            java.util.function.Supplier<float[]> draw,
            int first)
            throws SQLException {
        Map<UUID, float[]> vectors = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement r =
                            c.prepareStatement(
                                    "INSERT INTO recordings (id, profile_id, output_name,"
                                            + " display_name, created_at, updated_at) VALUES (?, ?, ?, 'x', now(), now())");
                    PreparedStatement e =
                            c.prepareStatement(
                                    "INSERT INTO embeddings (id, recording_id, space, dimensions,"
                                            + " embedding, updated_at) VALUES (gen_random_uuid(), ?, ?, ?, ?, now())")) {
                for (int i = first; i < first + count; i++) {
                    UUID id = UUID.randomUUID();
                    float[] v = draw.get();
                    vectors.put(id, v);
                    r.setObject(1, id);
                    r.setObject(2, profile.value());
                    r.setString(3, "take-" + i);
                    r.addBatch();
                    e.setObject(1, id);
                    e.setString(2, space.name());
                    e.setInt(3, space.dimensions());
                    e.setObject(4, new PGvector(v));
                    e.addBatch();
                }
                r.executeBatch();
                e.executeBatch();
            }
            c.commit();
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE embeddings");
            }
        }
        return vectors;
    }
}
