package org.stemvault.bootstrap;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemvault.application.feedback.FeedbackLog;

/**
 * At start-up, before the first request: the kept search feedback counts by this deployment's
 * per-member cap ({@code STEMVAULT_FEEDBACK_PER_USER_CAP}); a changed cap counts it all again.
 */
@Singleton
final class FeedbackStartup {

    private static final Logger LOG = LoggerFactory.getLogger(FeedbackStartup.class);

    private final FeedbackLog feedback;

    FeedbackStartup(FeedbackLog feedback) {
        this.feedback = feedback;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        if (feedback.start()) {
            LOG.info(
                    "search feedback: the per-member cap was set or changed; every kept act was counted again");
        }
    }
}
