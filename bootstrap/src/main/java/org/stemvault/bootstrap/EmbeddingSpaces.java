package org.stemvault.bootstrap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.stemvault.domain.search.EmbeddingSpace;

/**
 * The configured spaces, from {@code STEMVAULT_EMBEDDING_SPACES}: {@code
 * name:dimensions:source,...}.
 */
final class EmbeddingSpaces {

    private EmbeddingSpaces() {}

    /** The spaces when none are configured: one for workers' audio embeddings. */
    static final String DEFAULT = "audio:512:external";

    static Map<String, EmbeddingSpace> parse(String value) {
        Map<String, EmbeddingSpace> spaces = new LinkedHashMap<>();
        for (String item : (value == null || value.isBlank() ? DEFAULT : value).split(",")) {
            if (item.isBlank()) {
                continue;
            }
            String[] parts = item.strip().split(":");
            try {
                EmbeddingSpace space =
                        new EmbeddingSpace(
                                parts[0],
                                Integer.parseInt(parts[1]),
                                EmbeddingSpace.Source.valueOf(parts[2].toUpperCase(Locale.ROOT)));
                if (space.dimensions() > 2000) {
                    throw new IllegalArgumentException(
                            "an HNSW index takes at most 2000 dimensions");
                }
                spaces.put(space.name(), space);
            } catch (RuntimeException e) {
                throw new StartupFailure(
                        "STEMVAULT_EMBEDDING_SPACES: '"
                                + item.strip()
                                + "' is not name:dimensions:source (source text or external, at most 2000 dimensions)");
            }
        }
        return spaces;
    }
}
