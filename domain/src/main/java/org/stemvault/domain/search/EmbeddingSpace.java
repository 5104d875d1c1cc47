package org.stemvault.domain.search;

import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A configured family of comparable vectors, compared by cosine similarity: its name, dimensions,
 * where its vectors come from, and how they are kept and searched ({@link Storage}; for {@link
 * Storage#BINARY}, how many candidates per result its exact re-rank reads).
 */
public record EmbeddingSpace(
        String name, int dimensions, Source source, Storage storage, int rerankFactor) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** The re-rank factor of a binary space when none is configured. */
    public static final int DEFAULT_RERANK_FACTOR = 8;

    /** The most candidates per result a binary space's re-rank may read. */
    public static final int MAX_RERANK_FACTOR = 100;

    /** Who computes the vectors: the service from a recording's text, or a worker. */
    public enum Source {
        TEXT,
        EXTERNAL
    }

    /**
     * How a space keeps and searches its vectors: {@code FULL}, 4 bytes a dimension and an HNSW
     * index over them; {@code HALF}, 2 bytes a dimension and an HNSW index over those; {@code
     * BINARY}, 2 bytes a dimension and an HNSW index over 1 bit a dimension (each component's
     * sign), whose candidates are re-ranked by their cosine similarity.
     */
    public enum Storage {
        FULL(2_000),
        HALF(4_000),
        BINARY(Vector.MAX_DIMENSIONS);

        private final int maxDimensions;

        Storage(int maxDimensions) {
            this.maxDimensions = maxDimensions;
        }

        /** The most dimensions the storage's index takes (pgvector's limits). */
        public int maxDimensions() {
            return maxDimensions;
        }
    }

    /** A space kept at full precision, as every space was before storage became a choice. */
    public EmbeddingSpace(String name, int dimensions, Source source) {
        this(name, dimensions, source, Storage.FULL, DEFAULT_RERANK_FACTOR);
    }

    public EmbeddingSpace {
        Checks.required("space", name);
        if (!NAME.matcher(name).matches()) {
            throw new Invalid("space", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }
        if (dimensions < 1 || dimensions > Vector.MAX_DIMENSIONS) {
            throw new Invalid("dimensions", "must be from 1 to " + Vector.MAX_DIMENSIONS);
        }
        Checks.required("source", source);
        Checks.required("storage", storage);
        if (dimensions > storage.maxDimensions()) {
            throw new Invalid(
                    "dimensions",
                    "must be at most "
                            + storage.maxDimensions()
                            + " for "
                            + storage.name().toLowerCase(java.util.Locale.ROOT)
                            + " storage");
        }
        if (rerankFactor < 1 || rerankFactor > MAX_RERANK_FACTOR) {
            throw new Invalid("rerank", "must be from 1 to " + MAX_RERANK_FACTOR);
        }
    }

    /** The same space kept by {@code storage}. */
    public EmbeddingSpace withStorage(Storage storage) {
        return new EmbeddingSpace(name, dimensions, source, storage, rerankFactor);
    }

    public Vector check(Vector vector) {
        if (vector.dimensions() != dimensions) {
            throw new Invalid(
                    "vector",
                    "has "
                            + vector.dimensions()
                            + " dimensions; space '"
                            + name
                            + "' has "
                            + dimensions);
        }
        return vector;
    }
}
