package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.stemvault.application.feedback.FeedbackPolicy;
import org.stemvault.domain.search.Tracking;

/**
 * {@code stemvault.feedback}: how long feedback on search results is kept (0: none is recorded and
 * no search is logged), how often each instance prunes what is older, whether the learned ranker
 * re-ranks searches, and its parameters (see {@link FeedbackPolicy} and {@link Tracking.Weighing}).
 */
@ConfigurationProperties("stemvault.feedback")
record FeedbackSettings(
        Duration retention,
        Duration pruneInterval,
        boolean ranker,
        double eta,
        double maxWeight,
        int perUserCap,
        double minQuerySimilarity,
        int pool,
        int minEvents,
        double scale,
        Duration modelTtl) {

    FeedbackPolicy policy() {
        return new FeedbackPolicy(
                retention,
                ranker,
                new Tracking.Weighing(eta, maxWeight, perUserCap, minQuerySimilarity),
                pool,
                minEvents,
                scale);
    }
}
