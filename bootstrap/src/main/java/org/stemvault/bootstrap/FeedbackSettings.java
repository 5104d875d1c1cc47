package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.ConversionService;
import java.time.Duration;
import org.stemvault.application.Settings;
import org.stemvault.application.feedback.FeedbackPolicy;
import org.stemvault.domain.search.Tracking;

/**
 * {@code stemvault.feedback}: how long feedback on search results is kept (0: none is recorded and
 * no search is logged), how often each instance prunes what is older, whether the learned ranker
 * re-ranks searches, and its parameters (see {@link FeedbackPolicy} and {@link Tracking.Weighing}).
 */
@ConfigurationProperties("stemvault.feedback")
record FeedbackSettings(
        String retention,
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

    /**
     * How long feedback is kept: {@code 0} (as documented: none recorded), or a duration as
     * Micronaut reads one ({@code 180d}, {@code 12h}, {@code PT1H}); {@link StartupFailure} naming
     * the variable otherwise.
     */
    Duration retentionPeriod() {
        try {
            return Settings.zeroOrDuration(
                    "STEMVAULT_FEEDBACK_RETENTION",
                    retention,
                    v -> ConversionService.SHARED.convertRequired(v, Duration.class),
                    "180d, 12h or 30m");
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(e.getMessage());
        }
    }

    FeedbackPolicy policy() {
        return new FeedbackPolicy(
                retentionPeriod(),
                ranker,
                new Tracking.Weighing(eta, maxWeight, perUserCap, minQuerySimilarity),
                pool,
                minEvents,
                scale);
    }
}
