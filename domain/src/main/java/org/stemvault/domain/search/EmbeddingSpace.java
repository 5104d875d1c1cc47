package org.stemvault.domain.search;

import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/**
 * A configured family of comparable vectors, compared by cosine similarity: its name, dimensions
 * and where its vectors come from.
 */
public record EmbeddingSpace(String name, int dimensions, Source source) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** Who computes the vectors: the service from a recording's text, or a worker. */
    public enum Source {
        TEXT,
        EXTERNAL
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
    }

    /**
     * The vector, when it has the space's dimensions; {@link Invalid} naming {@code vector}
     * otherwise.
     */
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
