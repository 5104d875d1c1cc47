package org.stemvault.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.convert.ConversionService;
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
        String value = retention == null ? "" : retention.strip();
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        try {
            Duration period = ConversionService.SHARED.convertRequired(value, Duration.class);
            if (!period.isNegative()) {
                return period;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new StartupFailure(
                "STEMVAULT_FEEDBACK_RETENTION: '"
                        + value
                        + "' is not 0 nor a duration such as 180d, 12h or 30m");
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
