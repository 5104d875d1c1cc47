package org.stemvault.domain.search;

import org.stemvault.domain.feedback.Signal;
import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;

/**
 * A search result: the recording, its profile, the fused score it was ranked by, where known its
 * cosine similarity and its ranks (1-based) in the semantic and full-text orderings, and what
 * members did with it before ({@link Signal#NONE} when not read).
 */
public record Hit(
        Recording recording,
        ProfileName profile,
        double score,
        Double similarity,
        Integer rankSemantic,
        Integer rankFulltext,
        Signal signal) {

    public Hit {
        signal = signal == null ? Signal.NONE : signal;
    }

    /** A result with no feedback read. */
    public Hit(
            Recording recording,
            ProfileName profile,
            double score,
            Double similarity,
            Integer rankSemantic,
            Integer rankFulltext) {
        this(recording, profile, score, similarity, rankSemantic, rankFulltext, Signal.NONE);
    }
}
