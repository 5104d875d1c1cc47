package org.stemvault.application.feedback;

import java.time.Duration;
import org.stemvault.domain.search.Tracking;

/**
 * How search learns from its members, per deployment: feedback is recorded (and every search
 * logged) while {@code retention} is above zero, and kept that long; the learned ranker re-ranks
 * the best {@code pool} candidates of a search when {@code ranker} is on and a model was trained,
 * each profile's results only where that profile's candidates carry at least {@code minEvents}
 * acts; {@code weighing} says how past acts count, {@code scale} how a signal is squashed.
 */
public record FeedbackPolicy(
        Duration retention,
        boolean ranker,
        Tracking.Weighing weighing,
        int pool,
        int minEvents,
        double scale) {

    /** No feedback recorded, no search logged, today's ranking. */
    public static final FeedbackPolicy OFF =
            new FeedbackPolicy(
                    Duration.ZERO, false, new Tracking.Weighing(1, 10, 3, 0.8), 20, 5, 2);

    public FeedbackPolicy {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("the feedback retention must be zero (off) or more");
        }
        if (pool < 1 || pool > 100) {
            throw new IllegalArgumentException("the ranker's pool must be from 1 to 100");
        }
        if (minEvents < 1) {
            throw new IllegalArgumentException(
                    "the ranker needs at least one act to move a result");
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("the signal scale must be above 0");
        }
        if (weighing.perUserCap() < 1
                || !(weighing.eta() >= 0)
                || !(weighing.maxWeight() >= 1)
                || !(weighing.minQuerySimilarity() > 0 && weighing.minQuerySimilarity() <= 1)) {
            throw new IllegalArgumentException(
                    "feedback weighing: per-user cap >= 1, eta >= 0, max weight >= 1,"
                            + " query similarity in (0, 1]");
        }
    }

    /** Whether feedback is recorded at all. */
    public boolean recording() {
        return !retention.isZero();
    }
}
