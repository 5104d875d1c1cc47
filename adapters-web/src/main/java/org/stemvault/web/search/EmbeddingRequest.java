package org.stemvault.web.search;

import org.stemvault.domain.search.Vector;
import org.stemvault.web.json.Fields;

/** A vector to store: {@code {"vector": [...], "source"?}}. */
record EmbeddingRequest(Vector vector, String source) {

    static EmbeddingRequest from(Fields f) {
        return new EmbeddingRequest(
                f.build(() -> Vector.of(f.floats("vector"))), f.optionalText("source"));
    }
}
