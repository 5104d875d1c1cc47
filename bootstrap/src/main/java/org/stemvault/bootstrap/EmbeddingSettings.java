package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Map;
import org.stemvault.domain.search.EmbeddingSpace;

/**
 * {@code stemvault.embedding}: the spaces ({@code name:dimensions:source[:storage[:rerank]],…};
 * empty for the default {@value EmbeddingSpaces#DEFAULT}), the pause between the text-embedding
 * worker's rounds, and how often each instance looks at (and steps) the move of a space to the
 * storage its settings name, with how long a former storage is kept after the switch.
 */
@ConfigurationProperties("stemvault.embedding")
record EmbeddingSettings(
        @Nullable String spaces,
        Duration workerDelay,
        Duration storageInterval,
        Duration storageGrace) {

    EmbeddingSettings {
        if (storageGrace.compareTo(storageInterval.multipliedBy(3)) < 0) {
            throw new StartupFailure(
                    "STEMVAULT_EMBEDDING_STORAGE_GRACE must be at least three times"
                            + " STEMVAULT_EMBEDDING_STORAGE_INTERVAL, so that every instance has seen a"
                            + " switch before the former storage is cleared");
        }
    }

    /** The configured spaces, by name; {@link StartupFailure} for a malformed list. */
    Map<String, EmbeddingSpace> parsedSpaces() {
        return EmbeddingSpaces.parse(spaces);
    }

    /** {@code stemvault.embedding.hnsw}: how each space's HNSW index is built. */
    @ConfigurationProperties("hnsw")
    record Hnsw(int m, int efConstruction) {}
}
