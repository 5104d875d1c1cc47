package org.stemvault.application.search;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stemvault.domain.Invalid;
import org.stemvault.domain.search.EmbeddingSpace;

/** The configured embedding spaces, by name. */
public final class Spaces {

    private final Map<String, EmbeddingSpace> byName = new LinkedHashMap<>();

    public Spaces(Collection<EmbeddingSpace> spaces) {
        spaces.forEach(s -> byName.put(s.name(), s));
    }

    /** The space with this name; {@link Invalid} naming {@code space} when none is configured. */
    public EmbeddingSpace space(String name) {
        EmbeddingSpace space = name == null ? null : byName.get(name);
        if (space == null) {
            throw new Invalid(
                    "space",
                    "is not a configured embedding space ("
                            + String.join(", ", byName.keySet().stream().sorted().toList())
                            + ")");
        }
        return space;
    }

    public List<EmbeddingSpace> all() {
        return List.copyOf(byName.values());
    }

    /** The spaces whose vectors the service computes from recordings' text. */
    public List<EmbeddingSpace> text() {
        return byName.values().stream()
                .filter(s -> s.source() == EmbeddingSpace.Source.TEXT)
                .toList();
    }
}
