package org.stemvault.domain.search;

import org.stemvault.domain.profile.ProfileName;
import org.stemvault.domain.recording.Recording;

/**
 * A search result: the recording, its profile, the fused score it was ranked by, and where known
 * its cosine similarity and its ranks (1-based) in the semantic and full-text orderings.
 */
public record Hit(
        Recording recording,
        ProfileName profile,
        double score,
        Double similarity,
        Integer rankSemantic,
        Integer rankFulltext) {}
