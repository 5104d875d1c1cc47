package org.stemvault.domain.search;

import org.stemvault.domain.feedback.SearchId;

/**
 * What a search statement does besides ranking, for feedback: it logs its answer under {@code id}
 * (the query's normal form, the {@code shown} results of a ranked {@code pool}) and, when {@code
 * weighing} is given, reads each candidate's {@link org.stemvault.domain.feedback.Signal}.
 */
public record Tracking(
        SearchId id, String kind, String queryNorm, int shown, int pool, Weighing weighing) {

    /**
     * How past acts count: each reward divided by the chance its position had of being looked at,
     * {@code (1/position)^eta}, that weight at most {@code maxWeight}; at most {@code perUserCap}
     * acts of one member per result (the newest); a past query counts as similar from {@code
     * minQuerySimilarity} (cosine of the embeddings).
     */
    public record Weighing(
            double eta, double maxWeight, int perUserCap, double minQuerySimilarity) {}
}
