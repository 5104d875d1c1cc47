package org.stemvault.domain.embedding;

import java.time.Instant;
import java.util.Set;
import org.stemvault.domain.profile.ProfileName;

/**
 * A search over recordings: by vector in a space (semantic), by words (full text), or both fused by reciprocal
 * rank fusion with constant {@code k} (hybrid); restricted to {@code profiles} when given, and by the filters.
 */
public record SearchQuery(Mode mode, EmbeddingSpace space, Vector vector, String text, Set<ProfileName> profiles,
                          int limit, double minSimilarity, int rrfK, Filters filters) {

    /** How recordings are ranked. */
    public enum Mode { SEMANTIC, FULLTEXT, HYBRID }

    /** Optional conditions a recording must meet: a stem of a type, stem durations and loudness, creation time. */
    public record Filters(String stemType, Double durationMin, Double durationMax, Double lufsMin, Double lufsMax,
                          Instant createdAfter, Instant createdBefore) {

        public static final Filters NONE = new Filters(null, null, null, null, null, null, null);
    }
}
