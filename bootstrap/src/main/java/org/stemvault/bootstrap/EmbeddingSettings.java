package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Map;
import org.stemvault.domain.search.EmbeddingSpace;

/**
 * {@code stemvault.embedding}: the spaces ({@code name:dimensions:source,…}; empty for the default
 * {@value EmbeddingSpaces#DEFAULT}) and the pause between the text-embedding worker's rounds.
 */
@ConfigurationProperties("stemvault.embedding")
record EmbeddingSettings(@Nullable String spaces, Duration workerDelay) {

    /** The configured spaces, by name; {@link StartupFailure} for a malformed list. */
    Map<String, EmbeddingSpace> parsedSpaces() {
        return EmbeddingSpaces.parse(spaces);
    }

    /** {@code stemvault.embedding.hnsw}: how each space's HNSW index is built. */
    @ConfigurationProperties("hnsw")
    record Hnsw(int m, int efConstruction) {}
}
