package org.stemvault.bootstrap;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.stemvault.domain.search.EmbeddingSpace;

/**
 * The configured spaces, from {@code STEMVAULT_EMBEDDING_SPACES}: {@code
 * name:dimensions:source[:storage[:rerank]],...} (storage {@code full}, the default, {@code half}
 * or {@code binary}; rerank, for {@code binary}, the candidates read per result).
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
            String[] parts = item.strip().split(":", -1);
            try {
                if (parts.length < 3
                        || parts.length > 5
                        || (parts.length == 5 && !parts[3].equalsIgnoreCase("binary"))) {
                    throw new IllegalArgumentException("not name:dimensions:source");
                }
                EmbeddingSpace space =
                        new EmbeddingSpace(
                                parts[0],
                                Integer.parseInt(parts[1]),
                                EmbeddingSpace.Source.valueOf(parts[2].toUpperCase(Locale.ROOT)),
                                parts.length > 3 ? storage(parts[3]) : EmbeddingSpace.Storage.FULL,
                                parts.length > 4
                                        ? Integer.parseInt(parts[4])
                                        : EmbeddingSpace.DEFAULT_RERANK_FACTOR);
                // '-' and '_' give the same index names (SpaceStorage): one of two such names
                if (spaces.values().stream()
                                .anyMatch(
                                        o ->
                                                o.name()
                                                        .replace('-', '_')
                                                        .equals(space.name().replace('-', '_')))
                        || spaces.put(space.name(), space) != null) {
                    throw new IllegalArgumentException("named twice");
                }
            } catch (RuntimeException e) {
                throw new StartupFailure(
                        "STEMVAULT_EMBEDDING_SPACES: '"
                                + item.strip()
                                + "' is not name:dimensions:source[:storage[:rerank]] (source text or"
                                + " external; storage full (at most 2000 dimensions), half (4000) or"
                                + " binary, whose rerank is 1 to "
                                + EmbeddingSpace.MAX_RERANK_FACTOR
                                + "; each name once, '-' and '_' counting as one)");
            }
        }
        return spaces;
    }

    private static EmbeddingSpace.Storage storage(String value) {
        return EmbeddingSpace.Storage.valueOf(value.toUpperCase(Locale.ROOT));
    }
}
