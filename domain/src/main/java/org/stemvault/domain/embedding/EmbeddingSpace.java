package org.stemvault.domain.embedding;

import java.util.regex.Pattern;
import org.stemvault.domain.Checks;
import org.stemvault.domain.Invalid;

/** A configured family of comparable vectors: its name, dimensions, distance and where vectors come from. */
public record EmbeddingSpace(String name, int dimensions, Distance distance, Source source) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]{1,64}");

    /** How two vectors of the space are compared. */
    public enum Distance { COSINE }

    /** Who computes the vectors: the service from a recording's text, or a worker. */
    public enum Source { TEXT, EXTERNAL }

    public EmbeddingSpace {
        Checks.required("space", name);
        if (!NAME.matcher(name).matches()) {
            throw new Invalid("space", "must be 1 to 64 of a-z, 0-9, '_' and '-'");
        }
        if (dimensions < 1 || dimensions > Vector.MAX_DIMENSIONS) {
            throw new Invalid("dimensions", "must be from 1 to " + Vector.MAX_DIMENSIONS);
        }
        Checks.required("distance", distance);
        Checks.required("source", source);
    }
}
