package org.stemvault.domain.search;

import org.stemvault.domain.feedback.RankerModel;
import org.stemvault.domain.feedback.SearchId;

/**
 * What a search statement does besides ranking, for feedback: it logs its answer under {@code id}
 * (the query's normal form, the {@code shown} results of a ranked {@code pool}); when {@code
 * weighing} is given, it reads each candidate's {@link org.stemvault.domain.feedback.Signal}; when
 * {@code learned} is given too, it re-ranks the pool by it and answers the {@code shown} results in
 * the learned order.
 */
public record Tracking(
        SearchId id,
        String kind,
        String queryNorm,
        int shown,
        int pool,
        Weighing weighing,
        Learned learned) {

    public Tracking {
        if (learned != null && weighing == null) {
            throw new IllegalArgumentException("a learned ranking needs the candidates' signals");
        }
    }

    /**
     * How past acts count: each reward divided by the chance its position had of being looked at,
     * {@code (1/position)^eta}, that weight at most {@code maxWeight}; at most {@code perUserCap}
     * acts of one member per result (the newest); a past query counts as similar from {@code
     * minQuerySimilarity} (cosine of the embeddings).
     */
    public record Weighing(
            double eta, double maxWeight, int perUserCap, double minQuerySimilarity) {}

    /**
     * A re-ranking by the learned {@code model}, by the rules of the application's {@code Ranker}:
     * each profile keeps the slots its results held in today's order and fills them with its own
     * candidates in the model's order, where those carry at least {@code minEvents} acts.
     */
    public record Learned(RankerModel model, int minEvents) {}
}
